package dev.abkit.core.memory;

import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.port.out.SlotCounters;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One atomic counter per experiment: slots 0, 1, 2, ... without repeats across threads. A slot
 * whose registration fails is given back by {@link InMemoryDevices}, which hands it out again.
 */
public final class InMemorySlotCounters implements SlotCounters {

    private final ConcurrentHashMap<ExperimentKey, AtomicLong> next = new ConcurrentHashMap<>();

    @Override
    public long[] takeEach(List<ExperimentKey> experiments) {
        long[] slots = new long[experiments.size()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = next.computeIfAbsent(experiments.get(i), key -> new AtomicLong()).getAndIncrement();
        }
        return slots;
    }
}
