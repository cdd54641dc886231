package dev.abkit.persistence;

import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.port.out.SlotCounters;
import io.micronaut.data.exceptions.DataAccessException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The slot counters of one registration, bound to its connection. Remembers the slot taken per
 * experiment, so that each stored assignment records the slot it came from.
 */
final class SequenceSlotCounters implements SlotCounters {

    private final Connection connection;
    private final SlotSequences sequences;
    private final Map<ExperimentKey, Long> taken = new HashMap<>();

    SequenceSlotCounters(Connection connection, SlotSequences sequences) {
        this.connection = connection;
        this.sequences = sequences;
    }

    @Override
    public long take(ExperimentKey experiment) {
        try {
            long slot = sequences.take(connection, experiment);
            taken.put(experiment, slot);
            return slot;
        } catch (SQLException e) {
            throw new DataAccessException("taking a slot of experiment " + experiment + " failed: " + e.getMessage(), e);
        }
    }

    /** The slot this registration took in {@code experiment}. */
    long slotOf(ExperimentKey experiment) {
        Long slot = taken.get(experiment);
        if (slot == null) {
            throw new IllegalStateException("the enrollment assigned experiment " + experiment
                    + " without taking a slot of it; every assignment must come from a slot (R3)");
        }
        return slot;
    }
}
