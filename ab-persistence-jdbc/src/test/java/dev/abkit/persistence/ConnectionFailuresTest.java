package dev.abkit.persistence;

import dev.abkit.core.error.StorageFailureException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures mean "the database cannot be reached" or "did not answer in time", wherever they sit in the cause chain. */
class ConnectionFailuresTest {

    @Test
    void connection_failures_are_recognised_through_wrappers() {
        assertThat(ConnectionFailures.isConnectionFailure(
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available"))).isTrue();
        assertThat(ConnectionFailures.isConnectionFailure(
                new StorageFailureException("wrapped", new SQLException("refused", "08001", new ConnectException())))).isTrue();
        assertThat(ConnectionFailures.isConnectionFailure(new SQLException("terminating connection", "57P01"))).isTrue();
    }

    @Test
    void statement_failures_are_not_connection_failures() {
        assertThat(ConnectionFailures.isConnectionFailure(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(ConnectionFailures.isConnectionFailure(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void statement_and_lock_timeouts_are_recognised_through_wrappers_and_are_not_connection_failures() {
        SQLException statementTimeout = new SQLException("canceling statement due to statement timeout", "57014");
        SQLException lockTimeout = new SQLException("canceling statement due to lock timeout", "55P03");

        assertThat(ConnectionFailures.isTimeout(new StorageFailureException("wrapped", statementTimeout))).isTrue();
        assertThat(ConnectionFailures.isTimeout(lockTimeout)).isTrue();
        assertThat(ConnectionFailures.isTimeout(new SQLTimeoutException("Timeout trying to lock table", "HYT00"))).isTrue();
        assertThat(ConnectionFailures.isConnectionFailure(statementTimeout)).isFalse();
        assertThat(ConnectionFailures.isTimeout(new SQLException("duplicate key", "23505"))).isFalse();
    }
}
