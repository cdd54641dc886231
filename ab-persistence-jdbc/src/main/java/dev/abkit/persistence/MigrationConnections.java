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
import java.util.logging.Logger;

/**
 * The caller's connections for Flyway, each without the ordinary statement timeout and wait for a reply while
 * Flyway holds it, and as it was once Flyway closes it: a migration that fills new tables from existing rows
 * (V15, V18 from the raw events) takes minutes on a large database, where the server's statements are cut off
 * after 2 s and its driver gives up on a connection after 3 s without a reply, so the server would not start.
 * On PostgreSQL {@code statement_timeout} 0 for the session, put back by {@code reset} (the value the connection
 * was opened with), and the network timeout 0; on H2 {@code QUERY_TIMEOUT} 0, put back to what it was. Lock
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
        int network = connection.getNetworkTimeout();
        String queryTimeout = kind == DatabaseKind.H2 ? h2QueryTimeout(connection) : null;
        try {
            execute(connection, kind == DatabaseKind.POSTGRESQL ? "set statement_timeout = 0" : "set query_timeout 0");
            connection.setNetworkTimeout(IN_PLACE, 0);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        try (connection) {
                            connection.setNetworkTimeout(IN_PLACE, network);
                            execute(connection, kind == DatabaseKind.POSTGRESQL ? "reset statement_timeout"
                                    : "set query_timeout " + queryTimeout);
                        }
                        return null;
                    }
                    try {
                        return method.invoke(connection, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static String h2QueryTimeout(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "select setting_value from information_schema.settings where setting_name = 'QUERY_TIMEOUT'")) {
            return rows.next() ? Long.toString(Long.parseLong(rows.getString(1))) : "0";
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
