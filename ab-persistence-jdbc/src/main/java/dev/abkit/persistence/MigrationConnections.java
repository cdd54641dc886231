package dev.abkit.persistence;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * The caller's connections for Flyway, each without the ordinary statement timeout and wait for a reply while
 * Flyway holds it, and as it was once Flyway closes it: a migration that fills new tables from existing rows
 * (V15, V18 from the raw events) takes minutes on a large database, where the server's statements are cut off
 * after 2 s and its driver gives up on a connection after 3 s without a reply, so the server would not start.
 * On PostgreSQL {@code statement_timeout} 0 for the session and the network timeout 0; on H2 {@code QUERY_TIMEOUT}
 * 0; each put back to the value read before (a connection that cannot be put back is aborted, not pooled). Lock
 * timeouts stay: a migration that waits for a lock held by running servers fails rather than stopping them.
 */
final class MigrationConnections implements DataSource {

    /** The drivers run the network timeout's abort on their own; nothing of ours needs a thread for it. */
    private static final Executor IN_PLACE = Runnable::run;

    private final DataSource pool;
    private final DatabaseKind kind;

    MigrationConnections(DataSource pool, DatabaseKind kind) {
        this.pool = pool;
        this.kind = kind;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return unbounded(pool.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return unbounded(pool.getConnection(username, password));
    }

    private Connection unbounded(Connection connection) throws SQLException {
        Runnable restore;
        try {
            restore = lift(connection);
        } catch (SQLException | RuntimeException e) {
            discard(connection); // never back to the pool half changed
            throw e;
        }
        AtomicBoolean closed = new AtomicBoolean();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, arguments) -> switch (method.getName()) {
                    case "close" -> {
                        if (closed.compareAndSet(false, true)) {
                            restore.run();
                        }
                        yield null;
                    }
                    case "isClosed" -> closed.get() || connection.isClosed();
                    case "equals" -> proxy == arguments[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> {
                        try {
                            yield method.invoke(connection, arguments);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }
                });
    }

    /**
     * Lifts the connection's limits; the returned action puts them back as they were read and closes it, or, if
     * that fails, aborts it, so that the pool drops it rather than lend it without limits.
     */
    private Runnable lift(Connection connection) throws SQLException {
        int network = connection.getNetworkTimeout();
        String statementTimeout = current(connection, kind == DatabaseKind.POSTGRESQL ? "show statement_timeout"
                : "select setting_value from information_schema.settings where setting_name = 'QUERY_TIMEOUT'");
        String lifted = kind == DatabaseKind.POSTGRESQL ? "set statement_timeout = 0" : "set query_timeout 0";
        String back = kind == DatabaseKind.POSTGRESQL ? "set statement_timeout = '" + statementTimeout + "'"
                : "set query_timeout " + Long.parseLong(statementTimeout);
        execute(connection, lifted);
        connection.setNetworkTimeout(IN_PLACE, 0);
        return () -> {
            try {
                if (!connection.getAutoCommit()) {
                    connection.rollback(); // what the pool would do with work Flyway left uncommitted
                }
                execute(connection, back);
                connection.setNetworkTimeout(IN_PLACE, network);
                connection.close();
            } catch (SQLException e) {
                discard(connection);
            }
        };
    }

    /** Ends a connection that cannot be put back as it was: aborted, so that the pool drops it, then handed back. */
    private static void discard(Connection connection) {
        try (connection) {
            connection.abort(IN_PLACE);
        } catch (SQLException ignored) {
            // a connection that can be neither put back nor aborted is what the pool's own checks are for
        }
    }

    private static String current(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            return rows.next() ? rows.getString(1) : "0";
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        if (!autoCommit) {
            connection.commit(); // a session setting, kept whatever Flyway's transaction does next
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return pool.isWrapperFor(type);
    }
}
