package dev.abkit.persistence;

import dev.abkit.core.error.StorageUnavailableException;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Runs JDBC work on connections that Micronaut Data manages, and translates failures once for
 * every adapter: an unreachable database, or one that did not answer within its timeouts, becomes
 * {@link StorageUnavailableException} (the edge answers 503), any other {@link SQLException} an
 * unchecked {@link DataAccessException}.
 */
@Singleton
final class Database {

    private final TransactionOperations<Connection> transactions;
    private final ConnectionOperations<Connection> connections;

    Database(TransactionOperations<Connection> transactions, ConnectionOperations<Connection> connections) {
        this.transactions = transactions;
        this.connections = connections;
    }

    /** One transaction: committed if {@code work} returns, rolled back if it throws anything. */
    <T> T inTransaction(String what, SqlWork<T> work) {
        try {
            return transactions.executeWrite(status -> work.run(status.getConnection()));
        } catch (Exception failure) { // also a checked SQLException, if the transaction rethrows it as is
            throw translated(what, failure);
        }
    }

    /**
     * One pooled connection in auto-commit: for a single statement, without the extra round trip
     * of a commit.
     */
    <T> T autoCommitted(String what, SqlWork<T> work) {
        return withConnection(what, () -> {
            try {
                return work.run(connections.getConnectionStatus().getConnection());
            } catch (SQLException e) {
                throw new DataAccessException(what + " failed: " + e.getMessage(), e);
            }
        });
    }

    /**
     * Work on one pooled connection in auto-commit, such as Micronaut Data repository calls, which
     * use the connection bound here for all their statements.
     */
    <T> T withConnection(String what, Supplier<T> work) {
        try {
            return connections.executeWrite(status -> work.get());
        } catch (RuntimeException failure) {
            throw translated(what, failure);
        }
    }

    private static RuntimeException translated(String what, Exception failure) {
        if (ConnectionFailures.isConnectionFailure(failure)) {
            return new StorageUnavailableException(
                    "the database cannot be reached to " + what + "; try again later", failure);
        }
        if (ConnectionFailures.isTimeout(failure)) {
            return new StorageUnavailableException(
                    "the database did not answer in time to " + what + "; try again later", failure);
        }
        if (failure instanceof SQLException sql) {
            return new DataAccessException(what + " failed: " + sql.getMessage(), sql);
        }
        if (failure instanceof RuntimeException unchecked) {
            return unchecked; // the core's own exceptions (e.g. from an Enrollment) pass unchanged
        }
        return new DataAccessException(what + " failed: " + failure.getMessage(), failure);
    }
}
