package dev.abkit.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The daily upkeep of the raw events: on PostgreSQL, a partition per UTC day of receipt created {@link #DAYS_AHEAD}
 * days ahead and the days older than the retention dropped whole; on H2, which has one plain table, the expired
 * rows deleted. On both, the ids of expired events are forgotten with them, and the settled day-pair cells folded
 * onto one stripe ({@link DayPairFolding}). Every instance may run it, at start and daily: on PostgreSQL an
 * advisory lock lets one at a time do it, and every step is a no-op when already done.
 */
final class EventPartitions {

    static final int DAYS_AHEAD = 7;
    private static final DateTimeFormatter NAME = DateTimeFormatter.BASIC_ISO_DATE;
    private static final String PREFIX = "event_";
    /** The drivers run the network timeout's abort on their own; nothing of ours needs a thread for it. */
    private static final Executor IN_PLACE = Runnable::run;
    /** How long one statement of the upkeep may run: far beyond any step measured, short of a hang. */
    static final Duration STEP_TIMEOUT = Duration.ofMinutes(30);

    private final Database database;
    private final EventRetention retention;

    EventPartitions(Database database, EventRetention retention) {
        this.database = database;
        this.retention = retention;
    }

    void maintain() {
        LocalDate firstKept = retention.firstKeptDay();
        if (database.kind() == DatabaseKind.POSTGRESQL) {
            unbounded("create event partitions", connection -> {
                takeTurn(connection);
                List<LocalDate> existing = partitions(connection);
                LocalDate today = Timestamps.utcDay(retention.clock().instant());
                List<LocalDate> missing = new ArrayList<>();
                for (LocalDate day = today; !day.isAfter(today.plusDays(DAYS_AHEAD)); day = day.plusDays(1)) {
                    if (!existing.contains(day) && !day.isBefore(firstKept)) {
                        missing.add(day);
                    }
                }
                if (missing.contains(today)) {
                    holdInserts(connection);
                }
                for (LocalDate day : missing) {
                    create(connection, day);
                }
                return null;
            });
            unbounded("drop expired event partitions", connection -> {
                takeTurn(connection);
                for (LocalDate day : partitions(connection)) {
                    if (day.isBefore(firstKept)) {
                        execute(connection, "drop table " + PREFIX + NAME.format(day));
                    }
                }
                deleteExpired(connection, "event_default", firstKept);
                return null;
            });
        } else {
            database.inTransaction("delete expired events", connection -> {
                deleteExpired(connection, "event", firstKept);
                return null;
            });
        }
        unbounded("forget the ids of expired events", connection -> {
            deleteExpired(connection, "event_key", firstKept);
            return null;
        });
        unbounded("fold the stripes of settled day-pair cells", connection -> {
            if (database.kind() == DatabaseKind.POSTGRESQL) {
                takeTurn(connection);
            }
            DayPairFolding.fold(connection, database.kind(), Timestamps.utcDay(retention.clock().instant()));
            return null;
        });
    }

    /**
     * {@code work} in a transaction with, on PostgreSQL, a statement timeout of {@link #STEP_TIMEOUT} and the
     * driver's wait for a reply a minute longer (put back afterwards): each step may scan a large table (the key
     * table, the day-pair cells) for longer than the 2 s and 3 s the server gives requests, and a step cut off
     * by the driver would fail every day alike; a database that stops answering still frees the upkeep's thread
     * within the bound. The lock timeout stays, so a step that would wait long for a lock (a drop or an attach behind an analyst's scan)
     * gives up, and the next run does it. On H2 (one process, small) the ordinary limits stay.
     */
    private <T> T unbounded(String what, SqlWork<T> work) {
        return database.inTransaction(what, connection -> {
            if (database.kind() != DatabaseKind.POSTGRESQL) {
                return work.run(connection);
            }
            int network = connection.getNetworkTimeout();
            connection.setNetworkTimeout(IN_PLACE, (int) STEP_TIMEOUT.plusMinutes(1).toMillis());
            try {
                execute(connection, "set local statement_timeout = " + STEP_TIMEOUT.toMillis());
                return work.run(connection);
            } finally {
                connection.setNetworkTimeout(IN_PLACE, network);
            }
        });
    }

    /** The days that have a partition of their own. */
    static List<LocalDate> partitions(Connection connection) throws SQLException {
        List<LocalDate> days = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
                where i.inhparent = 'event'::regclass and c.relname <> 'event_default'""");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                days.add(LocalDate.parse(rows.getString(1).substring(PREFIX.length()), NAME));
            }
        }
        return days;
    }

    /**
     * A day's partition. Events of that day that went to the default partition before it existed move
     * into it first: PostgreSQL refuses a partition whose rows the default one still holds.
     */
    private static void create(Connection connection, LocalDate day) throws SQLException {
        String table = PREFIX + NAME.format(day);
        String from = "timestamp with time zone '" + day + " 00:00:00+00'";
        String to = "timestamp with time zone '" + day.plusDays(1) + " 00:00:00+00'";
        String range = "received_at >= " + from + " and received_at < " + to;
        execute(connection, "create table " + table + " (like event including defaults including constraints)");
        execute(connection, "insert into " + table + " select * from event_default where " + range);
        execute(connection, "delete from event_default where " + range);
        execute(connection, "alter table event attach partition " + table + " for values from (" + from + ") to (" + to + ")");
    }

    /**
     * Until this transaction ends, no row enters {@code event}: only when today's partition is missing, the one case
     * where batches go to the default partition. Without it, a batch that reached the default partition's lock while
     * today's partition was being attached waited for the attach, and then failed the default partition's new
     * constraint ("violates partition constraint", a 500); held back here instead, it is routed after the commit,
     * to the new partition. Batches wait for the moves of today's rows out of the default partition and the attach;
     * if the attach itself waits (an analyst's scan reads the default partition), it gives up at the lock timeout,
     * and so do the batches held meanwhile: 503, which their clients retry.
     */
    private static void holdInserts(Connection connection) throws SQLException {
        execute(connection, "lock table event in exclusive mode");
    }

    /** One instance at a time, until the transaction ends; every step is a no-op when already done. */
    private static void takeTurn(Connection connection) throws SQLException {
        execute(connection, "select pg_advisory_xact_lock(" + DatabaseKind.Lock.CLASS + ", "
                + DatabaseKind.Lock.EVENT_UPKEEP + ")");
    }

    private static void deleteExpired(Connection connection, String table, LocalDate firstKept) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("delete from " + table + " where received_at < ?")) {
            delete.setObject(1, Timestamps.of(Timestamps.startOf(firstKept)));
            delete.executeUpdate();
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
