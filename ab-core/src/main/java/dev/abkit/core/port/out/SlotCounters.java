package dev.abkit.core.port.out;

import dev.abkit.core.model.ExperimentKey;

import java.util.List;

/**
 * Hands out the slots of permuted-block allocation (R3): per experiment 0, 1, 2, ... with no slot
 * given twice, across threads and server instances, and no lasting gap: a slot taken by a
 * registration that does not complete is handed out again.
 */
@FunctionalInterface
public interface SlotCounters {

    /**
     * Takes the next free slot of each experiment, as a registration needs them: all in one call,
     * so that a store that pays per call, such as a database across a network, pays once.
     *
     * @return one slot per experiment, in the order given
     */
    long[] takeEach(List<ExperimentKey> experiments);

    /** Takes the next free slot of one experiment. */
    default long take(ExperimentKey experiment) {
        return takeEach(List.of(experiment))[0];
    }
}
