package dev.abkit.persistence;

import dev.abkit.core.event.EventTime;
import dev.abkit.core.event.Exposure;
import dev.abkit.core.event.ExposureBatch;
import dev.abkit.core.model.Assignment;
import dev.abkit.core.model.Device;
import dev.abkit.core.model.ExperimentKey;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The rows of {@code exposure}, the earliest exposure per experiment and device, and what a new or earlier one
 * changes in the exposed counters ({@link ExposedCounters}). Round trips: the device's row locked and its
 * exposures and exposed rows read; if an exposure moves the counting start of an option the device holds
 * earlier, its raw events between the new start and the old (one query per such experiment, in one round trip);
 * one script of the writes; the commit.
 */
final class ExposureRows {

    /** The raw events of one experiment that an exposure brings into its counting: {@code [start, end)}, end open if none. */
    private record Moved(Assignment assignment, Instant start, Optional<Instant> end) {
    }

    /** The UTC day of an event's corrected time, the same in both databases whatever the session's time zone. */
    private static final String UTC_DAY = "date '1970-01-01' + cast(floor(extract(epoch from occurred_at) / 86400) as integer)";

    private ExposureRows() {
    }

    static void keepEarliest(Connection connection, DatabaseKind kind, Device device, ExposureBatch batch, int stripe)
            throws SQLException {
        Map<ExperimentKey, Instant> earliest = new TreeMap<>(); // in key order: rows locked in one order
        for (Exposure exposure : batch.exposures()) {
            earliest.merge(exposure.experiment(), exposure.at().truncatedTo(ChronoUnit.MICROS),
                    (one, other) -> one.isBefore(other) ? one : other);
        }
        Script lock = new Script();
        lock.run(kind.lockDevice(), device.token().value());
        ExposedCounters.Reading reading = ExposedCounters.read(lock, device.token());
        ExposedCounters counters = reading.from(lock.runOn(connection, kind));
        Script writes = new Script();
        List<Moved> moved = new ArrayList<>();
        for (Map.Entry<ExperimentKey, Instant> exposure : earliest.entrySet()) {
            Optional<Instant> was = counters.firstExposure(exposure.getKey());
            Instant at = exposure.getValue();
            if (was.isPresent() && !at.isBefore(was.get())) {
                continue;
            }
            if (was.isEmpty()) {
                writes.write("insert into exposure (experiment_key, device_token, first_at) values (?, ?, ?)",
                        exposure.getKey().value(), device.token().value(), Timestamps.of(at));
            } else {
                writes.write("update exposure set first_at = ? where experiment_key = ? and device_token = ?",
                        Timestamps.of(at), exposure.getKey().value(), device.token().value());
            }
            Optional<Assignment> holding = device.assignments().stream()
                    .filter(assignment -> assignment.experiment().equals(exposure.getKey()) && !assignment.isLeftOut())
                    .findFirst();
            if (holding.isEmpty()) {
                continue; // kept, never counted
            }
            Instant start = later(device.firstSeen(), at);
            Optional<Instant> end = was.map(old -> later(device.firstSeen(), old));
            counters.exposed(holding.get(), end, start);
            if (end.isEmpty() || start.isBefore(end.get())) {
                moved.add(new Moved(holding.get(), start, end));
            }
        }
        if (!moved.isEmpty()) {
            count(connection, kind, device, moved, counters);
        }
        counters.writeTo(writes, kind, stripe);
        writes.runOn(connection, kind);
    }

    /** Reads each moved range's raw events by metric and counts them. */
    private static void count(Connection connection, DatabaseKind kind, Device device, List<Moved> moved,
                              ExposedCounters counters) throws SQLException {
        Script events = new Script();
        List<Integer> queries = new ArrayList<>();
        for (Moved range : moved) {
            // An event is received at or after its corrected time: the partitions before the start hold none.
            // By UTC day as well (V18), from the epoch seconds: H2 casts a time to a date in the JVM's zone.
            String sql = "select metric, " + UTC_DAY + " as event_day, count(*) as events, count(amount) as valued,"
                    + " sum(coalesce(amount, 0)) as total, min(occurred_at) as earliest from event"
                    + " where device_token = ? and occurred_at >= ? and received_at >= ?"
                    + (range.end().isPresent() ? " and occurred_at < ? and received_at < ?" : "")
                    + " group by metric, " + UTC_DAY;
            List<Object> parameters = new ArrayList<>(List.of(device.token().value(), Timestamps.of(range.start()),
                    Timestamps.of(range.start())));
            range.end().ifPresent(end -> {
                parameters.add(Timestamps.of(end));
                parameters.add(Timestamps.of(end.plus(EventTime.MAX_AGE)));
            });
            queries.add(events.query(sql, row -> MetricBatch.ofDay(row.getString("metric"),
                    row.getObject("event_day", LocalDate.class), row.getLong("events"), row.getLong("valued"),
                    row.getDouble("total"), Timestamps.instant(row, "earliest")), parameters.toArray()));
        }
        Script.Results read = events.runOn(connection, kind);
        for (int i = 0; i < moved.size(); i++) {
            counters.count(moved.get(i).assignment(), MetricBatch.merged(read.<MetricBatch>rows(queries.get(i))).values());
        }
    }

    private static Instant later(Instant one, Instant other) {
        return one.isAfter(other) ? one : other;
    }
}
