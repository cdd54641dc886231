package dev.abkit.persistence;

import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.port.out.SlotCounters;
import dev.abkit.core.error.StorageFailureException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The slot counters of one registration, bound to its connection and transaction. A slot waiting
 * in {@code free_slot} comes first (taken within the transaction, so a rollback puts it back), a
 * new one from the experiment's sequence otherwise. Remembers every slot taken, so that each
 * stored assignment records the slot it came from and each free slot used is deleted.
 */
final class RegistrationSlots implements SlotCounters {

    private final Connection connection;
    private final DatabaseKind kind;
    private final SlotSequences sequences;
    private final FreeSlots freeSlots;
    private final Map<ExperimentKey, Long> taken = new HashMap<>();
    private final Map<ExperimentKey, Long> takenFromFree = new HashMap<>();

    RegistrationSlots(Connection connection, DatabaseKind kind, SlotSequences sequences, FreeSlots freeSlots) {
        this.connection = connection;
        this.kind = kind;
        this.sequences = sequences;
        this.freeSlots = freeSlots;
    }

    @Override
    public long[] takeEach(List<ExperimentKey> experiments) {
        try {
            List<ExperimentKey> fresh = takeFree(experiments);
            long[] next = sequences.take(connection, fresh);
            for (int i = 0; i < next.length; i++) {
                taken.put(fresh.get(i), next[i]);
            }
            long[] slots = new long[experiments.size()];
            for (int i = 0; i < slots.length; i++) {
                slots[i] = taken.get(experiments.get(i));
            }
            return slots;
        } catch (SQLException e) {
            throw new StorageFailureException("taking the slots of experiments " + experiments + " failed: "
                    + e.getMessage(), e);
        }
    }

    /** Takes a waiting slot of each experiment that may have one; @return the experiments still without */
    private List<ExperimentKey> takeFree(List<ExperimentKey> experiments) throws SQLException {
        Script lookup = new Script();
        Map<ExperimentKey, Integer> looked = new HashMap<>();
        for (ExperimentKey experiment : experiments) {
            if (freeSlots.mayHave(experiment)) {
                looked.put(experiment, lookup.select(FreeSlots.TAKE_LOWEST, experiment.value()));
            }
        }
        Script.Results found = lookup.isEmpty() ? null : lookup.runOn(connection, kind);
        List<ExperimentKey> fresh = new ArrayList<>(experiments.size());
        for (ExperimentKey experiment : experiments) {
            Integer statement = looked.get(experiment);
            long[] row = statement == null ? null : found.firstRow(statement);
            if (row == null) {
                if (statement != null) {
                    freeSlots.noneLeftIn(experiment);
                }
                fresh.add(experiment);
            } else {
                taken.put(experiment, row[0]);
                takenFromFree.put(experiment, row[0]);
            }
        }
        return fresh;
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

    /** The slots this registration took from {@code free_slot}, to delete there when it stores. */
    Map<ExperimentKey, Long> takenFromFree() {
        return takenFromFree;
    }
}
