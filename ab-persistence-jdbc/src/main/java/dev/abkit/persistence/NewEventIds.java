package dev.abkit.persistence;

import dev.abkit.core.event.Event;
import dev.abkit.core.model.DeviceToken;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Remembers the ids of a batch in {@code event_key} and tells which of them are new: only those are
 * stored and counted, so a retry (concurrent or later) stores nothing twice. A concurrent batch with
 * one of the same ids waits on that key until the first commits or rolls back, and then knows. Keys
 * are inserted in id order, so two such batches never wait on each other in a circle.
 */
final class NewEventIds {

    private static final String INSERT = "insert into event_key (device_token, event_id, received_at) values ";
    private static final String ROW = "(?, ?, ?)";

    private NewEventIds() {
    }

    /** @param now when the batch was received (see {@link EventRows#receivedAt}) */
    static List<Event> insert(Connection connection, DatabaseKind kind, DeviceToken device, List<Event> events,
                              Instant now) throws SQLException {
        List<Event> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(event -> event.id().value()));
        Set<String> inserted = kind == DatabaseKind.POSTGRESQL
                ? insertReturning(connection, device, sorted, now)
                : insertOneByOne(connection, device, sorted, now);
        List<Event> fresh = new ArrayList<>(inserted.size());
        for (Event event : events) {
            if (inserted.contains(event.id().value())) {
                fresh.add(event);
            }
        }
        return fresh;
    }

    /** One round trip: the rows that {@code returning} lists are those this statement inserted. */
    private static Set<String> insertReturning(Connection connection, DeviceToken device, List<Event> events,
                                               Instant now) throws SQLException {
        String sql = INSERT + String.join(", ", Collections.nCopies(events.size(), ROW))
                + " on conflict do nothing returning event_id";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            bind(insert, device, events, now);
            Set<String> inserted = new HashSet<>();
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    inserted.add(rows.getString(1));
                }
            }
            return inserted;
        }
    }

    /** H2 has no {@code returning}; in-process, a statement per id costs no network round trip. */
    private static Set<String> insertOneByOne(Connection connection, DeviceToken device, List<Event> events,
                                              Instant now) throws SQLException {
        Set<String> inserted = new HashSet<>();
        try (PreparedStatement insert = connection.prepareStatement(INSERT + ROW + " on conflict do nothing")) {
            for (Event event : events) {
                bind(insert, device, List.of(event), now);
                if (insert.executeUpdate() == 1) {
                    inserted.add(event.id().value());
                }
            }
        }
        return inserted;
    }

    private static void bind(PreparedStatement insert, DeviceToken device, List<Event> events,
                             Instant now) throws SQLException {
        int parameter = 1;
        for (Event event : events) {
            insert.setString(parameter++, device.value());
            insert.setString(parameter++, event.id().value());
            insert.setObject(parameter++, Timestamps.of(EventRows.receivedAt(now, event)));
        }
    }
}
