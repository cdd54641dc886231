package dev.abkit.persistence;

import dev.abkit.core.model.ExperimentKey;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which experiments may have slots waiting in {@code free_slot}: only for those does a
 * registration look there before it takes a new slot, so the common case, none waiting, costs no
 * round trip. Learned from {@link LostSlots}, which fills the table and looks at it on every check;
 * forgotten when a registration finds none left.
 */
final class FreeSlots {

    static final String TAKE_LOWEST =
            "select slot from free_slot where experiment_key = ? order by slot limit 1 for update skip locked";
    static final String DELETE = "delete from free_slot where experiment_key = ? and slot = ?";

    private final Set<ExperimentKey> waiting = ConcurrentHashMap.newKeySet();

    boolean mayHave(ExperimentKey experiment) {
        return !waiting.isEmpty() && waiting.contains(experiment);
    }

    void waitIn(Collection<ExperimentKey> experiments) {
        waiting.addAll(experiments);
    }

    void noneLeftIn(ExperimentKey experiment) {
        waiting.remove(experiment);
    }
}
