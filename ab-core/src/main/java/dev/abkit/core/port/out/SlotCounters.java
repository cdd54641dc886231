package dev.abkit.core.port.out;

import dev.abkit.core.model.ExperimentKey;

import java.util.List;

/**
 * Hands out the slots of permuted-block allocation (R3): per experiment 0, 1, 2, ... with no gaps
 * and no slot given twice, across threads and server instances.
 */
@FunctionalInterface
public interface SlotCounters {

    /** Takes the next free slot of this experiment. */
    long take(ExperimentKey experiment);

    /**
     * Takes the next free slot of each experiment, as a registration needs them. A store that pays
     * per call, such as a database across a network, takes them all in one call.
     *
     * @return one slot per experiment, in the order given
     */
    default long[] takeEach(List<ExperimentKey> experiments) {
        long[] slots = new long[experiments.size()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = take(experiments.get(i));
        }
        return slots;
    }
}
