package dev.abkit.persistence;

import dev.abkit.core.error.StorageFailureException;
import dev.abkit.core.error.StorageUnavailableException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs JDBC work on connections of the caller's {@link DataSource}, and translates failures once
 * for every adapter: an unreachable database, or one that did not answer within its timeouts,
 * becomes {@link StorageUnavailableException} (the edge answers 503), any other
 * {@link SQLException} a {@link StorageFailureException}. The core's own exceptions, thrown by the
 * work, pass unchanged.
 */
final class Database {

    /** H2's JDBC isolation level SNAPSHOT (org.h2.engine.Constants.TRANSACTION_SNAPSHOT; H2 is not on this path). */
    private static final int H2_SNAPSHOT = 6;

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
     * and not the other. On PostgreSQL its first statement makes it repeatable read, for this transaction only:
     * nothing to put back, and behind a transaction pooler (PgBouncer) it holds on the server connection the
     * transaction runs on. H2 has no such statement, and its repeatable read takes each table's snapshot at the
     * transaction's first read of it: the embedded session is set to H2's own level SNAPSHOT, and put back.
     */
    <T> T inSnapshot(String what, SqlWork<T> work) {
        DatabaseKind kind = kind();
        try (Connection connection = dataSource.getConnection()) {
            if (kind == DatabaseKind.POSTGRESQL) {
                return inTransaction(connection, open -> {
                    try (Statement statement = open.createStatement()) {
                        statement.execute("set transaction isolation level repeatable read");
                    }
                    return work.run(open);
                });
            }
            int isolation = connection.getTransactionIsolation();
            connection.setTransactionIsolation(H2_SNAPSHOT);
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

    /** Puts the session's level back, or ends the connection so that no pool hands it out at another level. */
    private static void restoreIsolation(Connection connection, int isolation) throws SQLException {
        try {
            connection.setTransactionIsolation(isolation);
        } catch (SQLException failure) {
            connection.abort(Runnable::run);
            throw failure;
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
