package dev.abkit.core.event;

import dev.abkit.core.model.DeviceToken;

import java.time.Instant;
import java.util.Objects;

/**
 * Something a device reports happened, ready to store: its time already corrected ({@link EventTime}).
 * A device's events count for results only after its assignment (or first exposure); that is for the
 * results query to decide, not for ingestion: every valid event is stored.
 *
 * @param at         the corrected time
 * @param value      the event's number; null when the client sent none
 * @param properties the client's properties; null when it sent none
 */
public record Event(DeviceToken device, EventId id, MetricName metric, Instant at, EventValue value,
                    EventProperties properties) {

    public Event {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(at, "at");
    }
}
