package dev.abkit.persistence;

import dev.abkit.core.event.Event;
import dev.abkit.core.event.EventTime;
import dev.abkit.core.model.DeviceToken;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
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

    static void insert(Connection connection, DeviceToken device, List<Event> events, Instant now)
            throws SQLException {
        String sql = "insert into event (device_token, event_id, metric, occurred_at, received_at, amount, properties)"
                + " values " + String.join(", ", Collections.nCopies(events.size(), "(?, ?, ?, ?, ?, ?, ?)"));
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            int parameter = 1;
            for (Event event : events) {
                insert.setString(parameter++, device.value());
                insert.setString(parameter++, event.id().value());
                insert.setString(parameter++, event.metric().value());
                insert.setObject(parameter++, Timestamps.of(event.at()));
                insert.setObject(parameter++, Timestamps.of(receivedAt(now, event)));
                if (event.value() == null) {
                    insert.setNull(parameter++, Types.DOUBLE);
                } else {
                    insert.setDouble(parameter++, event.value().amount());
                }
                if (event.properties() == null) {
                    insert.setNull(parameter++, Types.VARCHAR);
                } else {
                    insert.setString(parameter++, event.properties().json());
                }
            }
            insert.executeUpdate();
        }
    }
}
