package dev.abkit.core.port.in;

import dev.abkit.core.model.DeviceAttributes;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.ExperimentStatus;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One device as {@link FindDevice} shows it: first seen when, with which attributes, and every
 * assignment it holds, in the order the experiments were created, stopped experiments included.
 */
public record DeviceReport(DeviceToken token, Instant firstSeen, DeviceAttributes attributes,
                           List<AssignmentFigures> assignments) {

    public DeviceReport {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(attributes, "attributes");
        assignments = List.copyOf(assignments);
    }

    /**
     * The device's value in one experiment, that experiment's status now, and the slot the device took
     * in it (R3); {@code slot} is {@code null} where it holds none (overridden in an experiment it never
     * joined). {@code override}: whether a QA override decides the value (R9). {@code leftOut}: whether
     * the experiment's coverage left the device out (R7); then, unless overridden, it has no value.
     */
    public record AssignmentFigures(ExperimentKey experiment, String value, ExperimentStatus status, Long slot,
                                    boolean override, boolean leftOut) {

        public AssignmentFigures {
            Objects.requireNonNull(experiment, "experiment");
            Objects.requireNonNull(status, "status");
            if (value == null && !leftOut) {
                throw new IllegalArgumentException("only a device left out of " + experiment + " has no value there");
            }
        }

        /** A device that the experiment enrolled, or an overridden one that never joined it. */
        public AssignmentFigures(ExperimentKey experiment, String value, ExperimentStatus status, Long slot,
                                 boolean override) {
            this(experiment, Objects.requireNonNull(value, "value"), status, slot, override, false);
        }
    }
}
