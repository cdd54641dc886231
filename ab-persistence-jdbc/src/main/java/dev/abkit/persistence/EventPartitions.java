package dev.abkit.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The daily upkeep of the raw events: on PostgreSQL, a partition per UTC day of receipt created
 * {@link #DAYS_AHEAD} days ahead and the days older than the retention dropped whole; on H2, which has
 * one plain table, the expired rows deleted. On both, the ids of expired events are forgotten with them.
 * Every instance may run it, at start and daily: on PostgreSQL an advisory lock lets one at a time do it,
 * and every step is a no-op when already done.
 */
final class EventPartitions {

    static final int DAYS_AHEAD = 7;
    private static final DateTimeFormatter NAME = DateTimeFormatter.BASIC_ISO_DATE;
    private static final String PREFIX = "event_";

    private final Database database;
    private final EventRetention retention;

    EventPartitions(Database database, EventRetention retention) {
        this.database = database;
        this.retention = retention;
    }

    void maintain() {
        LocalDate firstKept = retention.firstKeptDay();
        if (database.kind() == DatabaseKind.POSTGRESQL) {
            database.inTransaction("create and drop event partitions", connection -> {
                withoutStatementTimeout(connection);
                execute(connection, "select pg_advisory_xact_lock(" + DatabaseKind.Lock.CLASS + ", "
                        + DatabaseKind.Lock.EVENT_UPKEEP + ")");
                List<LocalDate> existing = partitions(connection);
                LocalDate today = Timestamps.utcDay(retention.clock().instant());
                List<LocalDate> missing = new ArrayList<>();
                for (LocalDate day = today; !day.isAfter(today.plusDays(DAYS_AHEAD)); day = day.plusDays(1)) {
                    if (!existing.contains(day) && !day.isBefore(firstKept)) {
                        missing.add(day);
                    }
                }
                if (!missing.isEmpty()) {
                    holdInserts(connection);
                }
                for (LocalDate day : missing) {
                    create(connection, day);
                }
                for (LocalDate day : existing) {
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
        database.inTransaction("forget the ids of expired events", connection -> {
            if (database.kind() == DatabaseKind.POSTGRESQL) {
                withoutStatementTimeout(connection);
            }
            deleteExpired(connection, "event_key", firstKept);
            return null;
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
     * Until this transaction ends, no row enters {@code event}. Without it, a batch that reached the default
     * partition's lock while a day's partition was being attached waited for the attach, and then failed the
     * default partition's new constraint ("violates partition constraint", a 500); held back here instead,
     * it is routed after the commit, to the new partition. The creates take milliseconds, once a day; only
     * after days without upkeep does a move out of the default partition make them longer.
     */
    private static void holdInserts(Connection connection) throws SQLException {
        execute(connection, "lock table event in exclusive mode");
    }

    /**
     * A day's ids are deleted by a scan of the key table (an index on receipt time would cost every ingested
     * event one more entry): longer than the statement timeout the server sets for requests. The lock
     * timeout stays, so the upkeep gives way to ingestion rather than holding it up, and tries again the
     * next day.
     */
    private static void withoutStatementTimeout(Connection connection) throws SQLException {
        execute(connection, "set local statement_timeout = 0");
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
