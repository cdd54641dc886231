package dev.abkit.core.port.out;

import dev.abkit.core.event.MetricName;
import dev.abkit.core.export.EventRow;
import dev.abkit.core.export.Period;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ExperimentKey;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The stored rows that exports stream (issue 15). Each call hands its rows to {@code sink} one at a time
 * while it reads them and holds none of them: memory stays the same whatever the size. It returns when
 * every row was handed over; a failure of the store or of the sink ends it, and the sink has then seen only
 * part of the rows.
 */
public interface ExportRows {

    /**
     * Every slot holder of {@code experiment} (or of every experiment, when empty) whose device was first seen
     * in {@code firstSeen}, left-out devices included: of one experiment in the order of their slots, of all
     * of them in the order of first requests (then token, then experiment).
     */
    void assignments(Optional<ExperimentKey> experiment, Period firstSeen, Consumer<StoredAssignment> sink);

    /**
     * The stored raw events of the devices enrolled in {@code experiment} (not left out) whose corrected time is
     * in {@code occurred}, of {@code metric} only if given, in the order of that time (then device, then id).
     */
    void events(ExperimentKey experiment, Period occurred, Optional<MetricName> metric, Consumer<EventRow> sink);

    /**
     * An assignment as stored, with its slot and whether QA overrides the device in its experiment now.
     *
     * @param value null for a device the coverage left out
     */
    record StoredAssignment(DeviceToken device, ExperimentKey experiment, String value, long slot, Instant firstSeen,
                            boolean overridden) {

        public StoredAssignment {
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(experiment, "experiment");
            Objects.requireNonNull(firstSeen, "firstSeen");
        }
    }
}
