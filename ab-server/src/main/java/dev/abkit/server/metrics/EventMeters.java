package dev.abkit.server.metrics;

import dev.abkit.core.port.in.Ingested;
import dev.abkit.core.port.in.RecordEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

/**
 * Counts what the events use case answers: events this instance stored, and events it was sent again
 * (retries, ids repeated within a batch), which were stored once before. Wrapped around the use case by
 * the composition root; a refused request counts in neither.
 */
@Singleton
public final class EventMeters {

    private final Counter accepted;
    private final Counter duplicates;

    EventMeters(MeterRegistry registry) {
        this.accepted = Counter.builder("abkit.events.accepted")
                .description("Events this instance stored").register(registry);
        this.duplicates = Counter.builder("abkit.events.duplicates")
                .description("Events sent again (retries, repeated ids) that had been stored before").register(registry);
    }

    /** {@code recordEvents}, counting each answer it gives. */
    public RecordEvents counting(RecordEvents recordEvents) {
        return batch -> {
            Ingested ingested = recordEvents.record(batch);
            accepted.increment(ingested.accepted());
            duplicates.increment(ingested.duplicates());
            return ingested;
        };
    }
}
