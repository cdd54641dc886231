package dev.abkit.persistence;

import dev.abkit.core.error.StorageFailureException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures mean "the database cannot be reached", wherever they sit in the cause chain. */
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
}
