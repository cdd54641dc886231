package dev.abkit.persistence;

import dev.abkit.core.error.StorageFailureException;
import dev.abkit.core.error.StorageUnavailableException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs JDBC work on connections of the caller's {@link DataSource}, and translates failures once
 * for every adapter: an unreachable database, or one that did not answer within its timeouts,
 * becomes {@link StorageUnavailableException} (the edge answers 503), any other
 * {@link SQLException} a {@link StorageFailureException}. The core's own exceptions, thrown by the
 * work, pass unchanged.
 */
final class Database {

    private final DataSource dataSource;
    private volatile DatabaseKind kind;

    Database(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Which database this is, asked once of the first connection. */
    DatabaseKind kind() {
        DatabaseKind known = kind;
        if (known == null) {
            known = autoCommitted("learn which database this is", DatabaseKind::of);
            kind = known;
        }
        return known;
    }

    /** One transaction: committed if {@code work} returns, rolled back if it throws anything. */
    <T> T inTransaction(String what, SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return inTransaction(connection, work);
        } catch (SQLException failure) {
            throw translated(what, failure);
        }
    }

    /**
     * One transaction whose statements all see the data as committed when its first one began, for reads of
     * several statements that must add up: a batch committed between two of them would otherwise be seen by one
     * and not the other ({@link DatabaseKind#snapshotIsolation}). The connection gets its isolation level back
     * afterwards.
     */
    <T> T inSnapshot(String what, SqlWork<T> work) {
        int snapshot = kind().snapshotIsolation();
        try (Connection connection = dataSource.getConnection()) {
            int isolation = connection.getTransactionIsolation();
            connection.setTransactionIsolation(snapshot);
            try {
                return inTransaction(connection, work);
            } finally {
                restoreIsolation(connection, isolation);
            }
        } catch (SQLException failure) {
            throw translated(what, failure);
        }
    }

    private static <T> T inTransaction(Connection connection, SqlWork<T> work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (Throwable failure) {
            rollBack(connection, failure);
            throw failure;
        } finally {
            restore(connection, autoCommit);
        }
    }

    /** One connection in auto-commit: single statements, without the round trip of a commit. */
    <T> T autoCommitted(String what, SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
            return work.run(connection);
        } catch (SQLException failure) {
            throw translated(what, failure);
        }
    }

    private static void rollBack(Connection connection, Throwable failure) {
        try {
            connection.rollback();
        } catch (SQLException rollback) {
            failure.addSuppressed(rollback); // a dead connection: the server rolls back on its own
        }
    }

    private static void restore(Connection connection, boolean autoCommit) {
        try {
            connection.setAutoCommit(autoCommit);
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it
        }
    }

    private static void restoreIsolation(Connection connection, int isolation) {
        try {
            connection.setTransactionIsolation(isolation);
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it
        }
    }

    private static RuntimeException translated(String what, SQLException failure) {
        if (ConnectionFailures.isConnectionFailure(failure)) {
            return new StorageUnavailableException(
                    "the database cannot be reached to " + what + "; try again later", failure);
        }
        if (ConnectionFailures.isTimeout(failure)) {
            return new StorageUnavailableException(
                    "the database did not answer in time to " + what + "; try again later", failure);
        }
        return new StorageFailureException(what + " failed: " + failure.getMessage(), failure);
    }
}
