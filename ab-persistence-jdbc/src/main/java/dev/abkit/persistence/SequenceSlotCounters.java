package dev.abkit.persistence;

import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.port.out.SlotCounters;
import io.micronaut.data.exceptions.DataAccessException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
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
        return takeEach(List.of(experiment))[0];
    }

    @Override
    public long[] takeEach(List<ExperimentKey> experiments) {
        try {
            long[] slots = sequences.take(connection, experiments);
            for (int i = 0; i < slots.length; i++) {
                taken.put(experiments.get(i), slots[i]);
            }
            return slots;
        } catch (SQLException e) {
            throw new DataAccessException("taking the slots of experiments " + experiments + " failed: "
                    + e.getMessage(), e);
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
