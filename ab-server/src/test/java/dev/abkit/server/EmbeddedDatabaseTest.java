package dev.abkit.server;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server on its default embedded H2 database (AB_DB_URL unset), in a directory of the test's
 * own: the PostgreSQL driver settings of application.yml do not disturb it, and it takes its own lock
 * and statement timeouts from the default URL.
 */
class EmbeddedDatabaseTest {

    @Test
    void the_default_embedded_database_serves_devices_with_its_own_timeouts(@TempDir Path directory) throws SQLException {
        String defaultUrl;
        try (ApplicationContext configuration = ApplicationContext.builder("test").build()) {
            configuration.getEnvironment().start();
            defaultUrl = configuration.getEnvironment().getRequiredProperty("datasources.default.url", String.class);
        }
        assertThat(defaultUrl).startsWith("jdbc:h2:file:./data/abkit;");
        String url = defaultUrl.replace("./data/abkit", directory.resolve("abkit").toString());

        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of("datasources.default.url", url), "test")) {
            Api api = new Api(server.getURI(), server.getApplicationContext().getBean(JsonMapper.class));

            assertThat(api.experimentsOf("embedded-device")).containsKeys("button_color", "price");
            DataSource pool = server.getApplicationContext().getBean(DataSource.class);
            try (Connection connection = pool.getConnection();
                 Statement statement = connection.createStatement()) {
                assertThat(value(statement, "select lock_timeout()")).isEqualTo("1000");
                assertThat(value(statement, "select setting_value from information_schema.settings"
                        + " where setting_name = 'QUERY_TIMEOUT'")).isEqualTo("2000");
            }
        }
    }

    private static String value(Statement statement, String query) throws SQLException {
        try (ResultSet result = statement.executeQuery(query)) {
            result.next();
            return result.getString(1);
        }
    }
}
