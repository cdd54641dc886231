package dev.abkit.persistence;

import dev.abkit.core.event.Event;
import dev.abkit.core.event.EventBatch;
import dev.abkit.core.event.ExposureBatch;
import dev.abkit.core.event.MetricName;
import dev.abkit.core.model.Device;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.port.out.EventStore;
import dev.abkit.core.results.SlotsHandedOut;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Events and exposures in the tables of V10 and V11 (docs/decisions/0014-events-and-results-storage.md): raw events
 * kept for the retention, counters kept at ingest for the whole-life results (of all devices and, V15, of the
 * exposed ones), counters of pairs of days for windows of whole UTC days, exposed or not (V18), exact SQL over the
 * raw events for other windows, within the analysts' limits ({@link AnalystScans}). Every read of results sees one
 * snapshot ({@link Database#inSnapshot}). Each batch is one transaction,
 * all or nothing; its ids make a retry, even after a lost commit reply, store nothing twice.
 */
final class JdbcEventStore implements EventStore {

    private final Database database;
    private final Stripes stripes;
    private final EventRetention retention;
    private final AnalystScans scans;
    private final HandedOutSlots handedOut;
    /** When this database began to keep events (V13); read once, it never changes. */
    private volatile Instant logStartedAt;

    JdbcEventStore(Database database, Stripes stripes, EventRetention retention, AnalystScans scans,
                   SlotSequences sequences) {
        this.database = database;
        this.stripes = stripes;
        this.retention = retention;
        this.scans = scans;
        this.handedOut = new HandedOutSlots(sequences);
    }

    @Override
    public int store(Device device, EventBatch batch) {
        // The columns keep microseconds; events are compared with first_seen, which is truncated alike.
        Instant now = retention.clock().instant().truncatedTo(ChronoUnit.MICROS);
        List<Event> events = batch.events().stream().map(JdbcEventStore::inMicros).toList();
        DatabaseKind kind = database.kind();
        Stripes.Lease stripe = stripes.lease();
        try {
            int fresh = database.inTransaction("store the events of device " + device.token(),
                    connection -> EventIngest.run(connection, kind, device, events, now, stripe.stripe()));
            return events.size() - fresh; // the batch's own repeats are the caller's to add (EventBatch.duplicates)
        } finally {
            stripes.release(stripe); // after the commit or rollback, which unlocked the stripe's rows
        }
    }

    @Override
    public void expose(Device device, ExposureBatch batch) {
        DatabaseKind kind = database.kind();
        Stripes.Lease stripe = stripes.lease();
        try {
            database.inTransaction("store the exposures of device " + device.token(), connection -> {
                ExposureRows.keepEarliest(connection, kind, device, batch, stripe.stripe());
                return null;
            });
        } finally {
            stripes.release(stripe);
        }
    }

    @Override
    public MetricFigures figures(ResultsScope scope) {
        String what = "read the results of " + scope.experiment().key();
        // Each reads several tables that event batches change: one snapshot makes them add up.
        if (scope.isWholeLife()) {
            return database.inSnapshot(what, connection -> WholeLifeFigures.read(connection, scope, slots(connection, scope)));
        }
        if (DayWindowFigures.answers(scope)) {
            return database.inSnapshot(what, connection -> DayWindowFigures.read(connection, scope, slots(connection, scope)));
        }
        return scans.read(what, connection -> ScannedFigures.read(connection, scope, slots(connection, scope)));
    }

    /** The whole allocation, whatever the window: what the sample ratio's exactness is judged on. */
    private SlotsHandedOut slots(Connection connection, ResultsScope scope) throws SQLException {
        return handedOut.read(connection, database.kind(), scope.experiment(), scope.excluded());
    }

    @Override
    public List<DayFigures> daily(Experiment experiment, MetricName metric, Set<DeviceToken> excluded, Instant until) {
        return database.inSnapshot("read the daily conversions of " + experiment.key(),
                connection -> DailyFigures.read(connection, experiment, metric, excluded, until));
    }

    @Override
    public List<MetricName> metricsOf(ExperimentKey experiment) {
        return database.autoCommitted("list the metrics of " + experiment, connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    select metric from metric_count where experiment_key = ?
                    group by metric having sum(converters) > 0 order by metric""")) {
                select.setString(1, experiment.value());
                List<MetricName> metrics = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        metrics.add(MetricName.of(rows.getString(1)));
                    }
                }
                return metrics;
            }
        });
    }

    @Override
    public Instant eventsKeptSince() {
        Instant cutoff = retention.keptSince();
        // Days before the cutoff are dropped; none of them held an event if the log began after it.
        return cutoff.isAfter(logStartedAt()) ? cutoff : Instant.MIN;
    }

    private Instant logStartedAt() {
        Instant startedAt = logStartedAt;
        if (startedAt == null) {
            startedAt = database.autoCommitted("read when the event log began", connection -> {
                try (PreparedStatement select = connection.prepareStatement(
                        "select min(started_at) as started_at from event_log");
                     ResultSet rows = select.executeQuery()) {
                    rows.next();
                    Instant started = Timestamps.instant(rows, "started_at");
                    return started == null ? Instant.MIN : started; // no row: assume the oldest, so refuse rather than guess
                }
            });
            logStartedAt = startedAt;
        }
        return startedAt;
    }

    private static Event inMicros(Event event) {
        return new Event(event.device(), event.id(), event.metric(), event.at().truncatedTo(ChronoUnit.MICROS),
                event.value(), event.properties());
    }
}
