package dev.abkit.core.port.out;

import dev.abkit.core.model.ExperimentKey;

/**
 * Hands out the slots of permuted-block allocation (R3): per experiment 0, 1, 2, ... with no gaps
 * and no slot given twice, across threads and server instances.
 */
@FunctionalInterface
public interface SlotCounters {

    /** Takes the next free slot of this experiment. */
    long take(ExperimentKey experiment);
}
