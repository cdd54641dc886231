package dev.abkit.server;

import io.micronaut.context.exceptions.BeanInstantiationException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The refusals {@link ConfigurationMistakesTest} cannot provoke on the tests' PostgreSQL, which trusts
 * every local user: they are told apart by SQLSTATE, however deep Micronaut and Hikari wrap them.
 */
class ConfigurationMistakesUnitTest {

    @Test
    void a_refused_password_names_AB_DB_PASSWORD() {
        SQLException refused = new SQLException("FATAL: password authentication failed for user \"abkit\"", "28P01");

        assertThat(ConfigurationMistakes.explain(wrapped(refused)))
                .hasValueSatisfying(line -> assertThat(line).contains("AB_DB_PASSWORD").contains("password authentication failed"));
    }

    @Test
    void only_the_first_line_of_the_drivers_message_is_kept() {
        SQLException refused = new SQLException("Connection refused\n  Detail: more", "08001");

        assertThat(ConfigurationMistakes.explain(wrapped(refused))).hasValueSatisfying(line ->
                assertThat(line).contains("AB_DB_URL").contains("Connection refused").doesNotContain("\n").doesNotContain("Detail"));
    }

    @Test
    void a_failure_that_is_no_setting_is_left_to_micronaut_with_its_stack_trace() {
        assertThat(ConfigurationMistakes.explain(wrapped(new IllegalStateException("a bug")))).isEmpty();
    }

    private static RuntimeException wrapped(Throwable cause) {
        return new BeanInstantiationException("Error instantiating bean of type [javax.sql.DataSource]",
                new RuntimeException("Failed to initialize pool: " + cause.getMessage(), cause));
    }
}
