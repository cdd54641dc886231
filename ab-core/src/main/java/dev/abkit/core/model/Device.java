package dev.abkit.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A registered device: when it was first seen, what it said about itself then, and every assignment
 * it received then (with those of experiments whose coverage left it out, R7). The set of experiments and the attributes are fixed at registration (R2, R8) and
 * the values never change (R1).
 */
public record Device(DeviceToken token, Instant firstSeen, DeviceAttributes attributes, List<Assignment> assignments) {

    public Device {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(attributes, "attributes (DeviceAttributes.UNKNOWN when the device said nothing)");
        assignments = List.copyOf(assignments);
        long distinct = assignments.stream().map(Assignment::experiment).distinct().count();
        if (distinct != assignments.size()) {
            throw new IllegalArgumentException("a device has at most one assignment per experiment");
        }
    }

    /** The value it was given in {@code experiment}; empty if it never joined it or was left out (R7). */
    public Optional<String> valueIn(ExperimentKey experiment) {
        for (Assignment assignment : assignments) {
            if (assignment.experiment().equals(experiment)) {
                return Optional.ofNullable(assignment.value());
            }
        }
        return Optional.empty();
    }

    /** Whether the coverage of {@code experiment} left it out at its first request (R7). */
    public boolean isLeftOutOf(ExperimentKey experiment) {
        for (Assignment assignment : assignments) {
            if (assignment.experiment().equals(experiment)) {
                return assignment.isLeftOut();
            }
        }
        return false;
    }
}
