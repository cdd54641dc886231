package dev.abkit.core.memory;

import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.port.out.SlotCounters;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** One atomic counter per experiment: slots 0, 1, 2, ... without gaps or repeats across threads. */
public final class InMemorySlotCounters implements SlotCounters {

    private final ConcurrentHashMap<ExperimentKey, AtomicLong> next = new ConcurrentHashMap<>();

    @Override
    public long take(ExperimentKey experiment) {
        return next.computeIfAbsent(experiment, key -> new AtomicLong()).getAndIncrement();
    }
}
