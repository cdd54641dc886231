package dev.abkit.persistence;

import dev.abkit.core.event.Event;
import dev.abkit.core.event.EventTime;
import dev.abkit.core.model.DeviceToken;

import java.time.Instant;
import java.util.Collections;
import java.util.List;

/** The raw events in {@code event}: one multi-row insert per batch, kept for windows, audits and re-aggregation. */
final class EventRows {

    private EventRows() {
    }

    /**
     * The receipt time stored with an event: now, held within what the corrected time allows (never before
     * it, at most {@link EventTime#MAX_AGE} after it). The core's correction already keeps it there against
     * its own clock; holding it here too makes "an event's partition is at most 30 days after its time, and
     * never before" true by construction, which the windowed queries prune partitions by.
     */
    static Instant receivedAt(Instant now, Event event) {
        Instant latest = event.at().plus(EventTime.MAX_AGE);
        if (now.isBefore(event.at())) {
            return event.at();
        }
        return now.isAfter(latest) ? latest : now;
    }

    /** Adds the insert to {@code script}, to travel with the statements around it. */
    static void insert(Script script, DeviceToken device, List<Event> events, Instant now) {
        Object[] values = new Object[events.size() * 7];
        int parameter = 0;
        for (Event event : events) {
            values[parameter++] = device.value();
            values[parameter++] = event.id().value();
            values[parameter++] = event.metric().value();
            values[parameter++] = Timestamps.of(event.at());
            values[parameter++] = Timestamps.of(receivedAt(now, event));
            values[parameter++] = event.value() == null ? null : event.value().amount();
            values[parameter++] = event.properties() == null ? null : event.properties().json();
        }
        script.write("insert into event (device_token, event_id, metric, occurred_at, received_at, amount, properties)"
                + " values " + String.join(", ", Collections.nCopies(events.size(), "(?, ?, ?, ?, ?, ?, ?)")), values);
    }
}
