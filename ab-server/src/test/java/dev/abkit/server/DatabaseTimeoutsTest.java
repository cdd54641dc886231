package dev.abkit.server;

import io.micronaut.context.annotation.Value;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's connections to PostgreSQL carry the timeouts of application.yml, and a wait they cut
 * short is answered 503, not 500: here a registration that waits for a lock another session holds.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseTimeoutsTest extends SystemTest {

    @Inject
    DataSource dataSource;

    @Value("${abkit.database.lock-timeout}")
    Duration lockTimeout;

    @Test
    void every_connection_has_the_configured_timeouts() throws SQLException {
        // The pool itself: the injected bean hands out only connections a transaction has bound.
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            assertThat(show(statement, "statement_timeout")).isEqualTo("2s");
            assertThat(show(statement, "lock_timeout")).isEqualTo("1s");
            assertThat(show(statement, "idle_in_transaction_session_timeout")).isEqualTo("5s");
            assertThat(connection.getNetworkTimeout()).as("the driver's socket timeout, ms").isEqualTo(3000);
        }
    }

    @Test
    void a_registration_that_waits_for_a_lock_too_long_gets_503_and_registers_when_retried() throws SQLException {
        try (Connection other = POSTGRES.connectTo(databaseName()); Statement statement = other.createStatement()) {
            other.setAutoCommit(false);
            statement.execute("lock table device in access exclusive mode");

            long start = System.nanoTime();
            HttpResponse<String> response = api.device("waits-for-a-lock");

            assertProblem(response, 503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(api.object(response.body()).get("detail").toString()).contains("did not answer in time");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(lockTimeout.plusSeconds(2));
            other.rollback();
        }

        assertThat(api.experimentsOf("waits-for-a-lock")).containsKeys("button_color", "price");
    }

    private static String show(Statement statement, String setting) throws SQLException {
        try (ResultSet value = statement.executeQuery("show " + setting)) {
            value.next();
            return value.getString(1);
        }
    }
}
