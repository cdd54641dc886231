package dev.abkit.server;

import dev.abkit.persistence.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each configuration mistake an operator can make at start-up (SPEC section 4), made on a server in a
 * JVM of its own, as {@code java -jar} starts it: the server exits non-zero within seconds, with one
 * line that names the variable to set and no stack trace at the default log level. And the README's
 * PostgreSQL example, a URL without {@code AB_DB_USER}, starts as the operating system user, which the
 * driver chooses (the tests' PostgreSQL has a role for it, as the README's set-up does).
 */
class ConfigurationMistakesTest {

    private static final PostgresServer POSTGRES = PostgresServer.fromEnvironment();
    private static final Duration BOUND = Duration.ofSeconds(60);

    @TempDir
    Path workingDirectory;

    @Test
    void an_unreachable_database_names_AB_DB_URL() throws Exception {
        String nothingListens = "jdbc:postgresql://localhost:" + ServerProcess.freePort() + "/abkit";

        assertRefusedNaming(Map.of("AB_DB_URL", nothingListens), "AB_DB_URL", "cannot be reached");
    }

    @Test
    void a_url_that_is_no_jdbc_url_names_AB_DB_URL() throws Exception {
        assertRefusedNaming(Map.of("AB_DB_URL", "localhost:5432/abkit"), "AB_DB_URL", "has a driver for");
    }

    @Test
    void a_database_that_does_not_exist_names_AB_DB_URL() throws Exception {
        assertRefusedNaming(Map.of("AB_DB_URL", POSTGRES.urlOf("abkit_no_such_database")), "AB_DB_URL", "does not exist");
    }

    @Test
    void a_user_the_database_does_not_know_names_AB_DB_USER() throws Exception {
        assertRefusedNaming(Map.of("AB_DB_URL", POSTGRES.urlOf("postgres"), "AB_DB_USER", "abkit_no_such_role"),
                "AB_DB_USER", "abkit_no_such_role");
    }

    @Test
    void a_token_no_header_can_carry_names_AB_ADMIN_TOKEN() throws Exception {
        assertRefusedNaming(Map.of("AB_ADMIN_TOKEN", "two words"), "AB_ADMIN_TOKEN", "visible ASCII");
    }

    @Test
    void a_port_that_is_no_port_names_AB_PORT() throws Exception {
        assertRefusedNaming(Map.of("AB_PORT", "eighty"), "AB_PORT", "eighty");
        assertRefusedNaming(Map.of("AB_PORT", "99999"), "AB_PORT", "99999");
    }

    @Test
    void an_event_retention_that_is_no_duration_names_AB_EVENTS_RETENTION() throws Exception {
        assertRefusedNaming(Map.of("AB_EVENTS_RETENTION", "six months"), "AB_EVENTS_RETENTION", "P180D");
    }

    @Test
    void a_port_in_use_names_AB_PORT() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            assertRefusedNaming(Map.of("AB_PORT", Integer.toString(taken.getLocalPort())), "AB_PORT", "not free");
        }
    }

    @Test
    void the_readme_postgresql_example_without_AB_DB_USER_starts_as_the_drivers_default_user() throws Exception {
        String database = POSTGRES.createDatabase();
        try {
            try (ServerProcess server = ServerProcess.start(workingDirectory, Map.of("AB_DB_URL", POSTGRES.urlOf(database)))) {
                assertThat(server.log()).doesNotContain("ERROR").doesNotContain("\tat ");
                server.stop();
            }
        } finally {
            POSTGRES.dropDatabase(database);
        }
    }

    private void assertRefusedNaming(Map<String, String> environment, String variable, String detail)
            throws InterruptedException {
        ServerProcess.FailedStart start = ServerProcess.failedStart(workingDirectory, environment, BOUND);

        assertThat(start.exitStatus()).as("exit status; output:%n%s", start.output()).isNotZero();
        assertThat(start.output().lines().filter(line -> line.contains("Cannot start:")))
                .as("output:%n%s", start.output())
                .singleElement().asString().contains(variable).contains(detail);
        assertThat(start.output()).as("no stack trace").doesNotContain("\tat ");
    }
}
