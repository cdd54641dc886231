package dev.abkit.server;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Platform, App-Version and Locale headers of the mobile endpoint over real HTTP on PostgreSQL:
 * those of a device's first request are stored in its row, later ones change nothing (R8), and a bad
 * value is a 400 naming its header, for a new device and a known one alike.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceAttributesTest extends SystemTest {

    @Test
    void the_headers_of_the_first_request_are_stored_with_the_device_and_later_ones_change_nothing() {
        HttpResponse<String> first = withHeaders("attributes-1", "Platform", "iOS", "App-Version", "2.3.0-beta.1",
                "Locale", "ru-ru");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);

        HttpResponse<String> updated = withHeaders("attributes-1", "Platform", "android", "App-Version", "3.0.0",
                "Locale", "en-US");
        HttpResponse<String> silent = api.device("attributes-1");

        assertThat(updated.body()).isEqualTo(first.body());
        assertThat(silent.body()).isEqualTo(first.body());
        assertThat(storedAttributes("attributes-1")).containsExactly("ios", "2.3.0-beta.1", "ru-RU");
    }

    @Test
    void a_device_that_sends_no_headers_is_stored_with_unknown_attributes_which_later_headers_do_not_fill() {
        assertThat(api.device("attributes-silent").statusCode()).isEqualTo(200);
        assertThat(withHeaders("attributes-silent", "Platform", "web").statusCode()).isEqualTo(200);

        assertThat(storedAttributes("attributes-silent")).containsExactly(null, null, null);
    }

    @Test
    void each_header_may_come_alone() {
        withHeaders("attributes-locale-only", "Locale", "zh-Hant-TW");

        assertThat(storedAttributes("attributes-locale-only")).containsExactly(null, null, "zh-Hant-TW");
    }

    @Test
    void a_bad_header_value_is_a_400_naming_the_header_and_registers_nothing() {
        assertBadHeader("attributes-bad-1", "Platform", "ipados", "one of ios, android, web, other");
        assertBadHeader("attributes-bad-2", "App-Version", "2.3", "semantic version");
        assertBadHeader("attributes-bad-3", "App-Version", "v2.3.0", "semantic version");
        assertBadHeader("attributes-bad-4", "Locale", "en_US", "not '_'");
        assertBadHeader("attributes-bad-5", "Locale", "en-US,en;q=0.9", "BCP 47");
        assertBadHeader("attributes-bad-6", "Platform", "", "one of ios");

        for (int i = 1; i <= 6; i++) {
            assertThat(storedAttributes("attributes-bad-" + i)).as("device %d", i).isNull();
        }
    }

    @Test
    void a_known_device_with_a_bad_header_gets_a_400_too() {
        assertThat(withHeaders("attributes-known", "App-Version", "1.0.0").statusCode()).isEqualTo(200);
        assertThat(api.device("attributes-known").statusCode()).as("answered from memory from now on").isEqualTo(200);

        assertBadHeader("attributes-known", "App-Version", "1.0", "semantic version");
        assertThat(storedAttributes("attributes-known")).containsExactly(null, "1.0.0", null);
    }

    private void assertBadHeader(String token, String header, String value, String detail) {
        HttpResponse<String> response = withHeaders(token, header, value);

        assertProblem(response, 400);
        assertThat(api.object(response.body())).containsEntry("field", header)
                .containsEntry("type", "urn:abkit:problem:invalid-input");
        assertThat(api.object(response.body()).get("detail").toString()).startsWith(header + ": ").contains(detail);
    }

    private HttpResponse<String> withHeaders(String token, String... headers) {
        String[] all = Arrays.copyOf(new String[]{"Device-Token", token}, 2 + headers.length);
        System.arraycopy(headers, 0, all, 2, headers.length);
        return api.get(Api.EXPERIMENTS, all);
    }

    /** The device row's platform, app_version and locale; {@code null} if there is no row. */
    private String[] storedAttributes(String token) {
        try (Connection connection = POSTGRES.connectTo(databaseName());
             PreparedStatement select = connection.prepareStatement(
                     "select platform, app_version, locale from device where token = ?")) {
            select.setString(1, token);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? new String[]{row.getString(1), row.getString(2), row.getString(3)} : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
