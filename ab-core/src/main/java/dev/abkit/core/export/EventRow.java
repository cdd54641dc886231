package dev.abkit.core.export;

import dev.abkit.core.event.Event;

import java.time.Instant;
import java.util.Objects;

/** One stored raw event of the event export: the event as ingested (time corrected) and when it was received. */
public record EventRow(Event event, Instant receivedAt) {

    public EventRow {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
