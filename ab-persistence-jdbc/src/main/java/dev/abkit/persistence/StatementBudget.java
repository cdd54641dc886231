package dev.abkit.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * A statement timeout other than the connection's ordinary one, for one unit of work inside a transaction,
 * with the connection as it was afterwards, so that the pool gets it back unchanged. On PostgreSQL the
 * transaction's own {@code statement_timeout} ({@code set_config(..., true)}, as {@code set local}: it ends
 * with the transaction; so do {@code jit = off} and custom plans only), and the driver's wait for a reply
 * (the network timeout) raised by as much for the work, so that the server cancels a slow statement before
 * the driver gives up on the connection. On H2 the
 * session's {@code QUERY_TIMEOUT}, which is not transactional, set and put back.
 */
final class StatementBudget {

    /** The drivers run the network timeout's abort on their own; nothing of ours needs a thread for it. */
    private static final Executor IN_PLACE = Runnable::run;

    private final DatabaseKind kind;
    private final long timeoutMillis;

    private StatementBudget(DatabaseKind kind, long timeoutMillis) {
        this.kind = kind;
        this.timeoutMillis = timeoutMillis;
    }

    static StatementBudget of(DatabaseKind kind, Duration timeout) {
        return new StatementBudget(kind, timeout.toMillis());
    }

    /** Runs {@code work} on {@code connection}, which must be inside a transaction, within this budget. */
    <T> T run(Connection connection, SqlWork<T> work) throws SQLException {
        try (Restore ignored = kind == DatabaseKind.POSTGRESQL ? onPostgres(connection) : onH2(connection)) {
            return work.run(connection);
        }
    }

    private Restore onPostgres(Connection connection) throws SQLException {
        // jit off: at a few million rows the planner's cost passes jit_above_cost, and compiling the scan's
        // expressions took longer than running them (docs/performance.md, "Analyst scans").
        // Custom plans only: the driver prepares a statement on the server from its fifth run on a connection, and
        // PostgreSQL then plans it once for any window; the plan made for one-day windows took an 11-day window
        // 24 s against 7.7 s planned for its own (docs/performance.md, "Windows over every day"). Planning a scan
        // costs milliseconds.
        try (PreparedStatement set = connection.prepareStatement("select set_config('statement_timeout', ?, true),"
                + " set_config('jit', 'off', true), set_config('plan_cache_mode', 'force_custom_plan', true)")) {
            set.setString(1, Long.toString(timeoutMillis));
            set.execute();
        }
        int ordinary = connection.getNetworkTimeout();
        if (ordinary == 0) { // the driver waits for ever already
            return () -> { };
        }
        connection.setNetworkTimeout(IN_PLACE, (int) Math.min(Integer.MAX_VALUE, ordinary + timeoutMillis));
        return () -> connection.setNetworkTimeout(IN_PLACE, ordinary);
    }

    private Restore onH2(Connection connection) throws SQLException {
        long ordinary;
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "select setting_value from information_schema.settings where setting_name = 'QUERY_TIMEOUT'")) {
            ordinary = rows.next() ? Long.parseLong(rows.getString(1)) : 0;
        }
        setQueryTimeout(connection, timeoutMillis);
        return () -> setQueryTimeout(connection, ordinary);
    }

    private static void setQueryTimeout(Connection connection, long millis) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("set query_timeout " + millis);
        }
    }

    /** Puts the connection back as it was; a failure to do so is added to the work's own, if any. */
    @FunctionalInterface
    private interface Restore extends AutoCloseable {
        @Override
        void close() throws SQLException;
    }
}
