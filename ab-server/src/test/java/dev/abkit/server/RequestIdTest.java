package dev.abkit.server;

import ch.qos.logback.classic.Level;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code X-Request-Id} on every response, the caller's own kept when it is usable, and the same id on
 * the log lines written for the request, also on the thread that reaches the database.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestIdTest extends SystemTest {

    private static final String HEADER = "X-Request-Id";

    private static String idOf(HttpResponse<String> response) {
        return response.headers().firstValue(HEADER).orElseThrow(() -> new AssertionError("no " + HEADER));
    }

    @Test
    void a_usable_id_of_the_caller_is_sent_back() {
        for (String id : List.of("a", "trace-42_x.y:z", "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "7".repeat(64))) {
            assertThat(idOf(api.get(Api.EXPERIMENTS, "Device-Token", "request-id-device", HEADER, id))).isEqualTo(id);
        }
    }

    @Test
    void an_unusable_id_is_replaced_and_a_missing_one_is_made() {
        for (String id : List.of("8".repeat(65), "two words", "semi;colon", "a/b", "\"quoted\"")) {
            String sent = idOf(api.get(Api.EXPERIMENTS, "Device-Token", "request-id-device", HEADER, id));
            assertThat(sent).as("for '%s'", id).matches("[0-9a-f]{16}");
        }
        String first = idOf(api.get(Api.EXPERIMENTS, "Device-Token", "request-id-device"));
        String second = idOf(api.get(Api.EXPERIMENTS, "Device-Token", "request-id-device"));
        assertThat(first).matches("[0-9a-f]{16}").isNotEqualTo(second);
    }

    @Test
    void every_kind_of_answer_carries_an_id() {
        Map<String, HttpResponse<String>> answers = Map.of(
                "400 mobile", api.get(Api.EXPERIMENTS, HEADER, "id-400"),
                "401 admin", api.get(Api.ADMIN, HEADER, "id-401"),
                "401 stats", api.get("/api/v1/stats", HEADER, "id-401s"),
                "401 metrics", api.get("/metrics", HEADER, "id-401m"),
                "404 unknown path", api.get("/nothing/here", HEADER, "id-404"),
                "404 unknown experiment", api.get(Api.ADMIN + "/nope", "Authorization", "Bearer " + Api.ADMIN_TOKEN,
                        HEADER, "id-404e"),
                "405", api.method("DELETE", Api.EXPERIMENTS, "Device-Token", "d", HEADER, "id-405"),
                "200 health", api.get("/health", HEADER, "id-health"));
        answers.forEach((what, response) -> assertThat(response.headers().firstValue(HEADER)).as(what).isPresent());
        assertThat(idOf(answers.get("401 admin"))).isEqualTo("id-401");
        assertThat(idOf(answers.get("404 unknown path"))).isEqualTo("id-404");
    }

    @Test
    void the_access_line_of_a_request_carries_its_id_also_when_written_on_a_database_thread() {
        try (CapturedLines access = CapturedLines.of("abkit.access", Level.INFO)) {
            api.get(Api.EXPERIMENTS, "Device-Token", "request-id-new-device", HEADER, "new-device-id");
            api.get(Api.EXPERIMENTS, "Device-Token", "request-id-new-device", HEADER, "returning-device-id");
            api.get(Api.ADMIN, HEADER, "unauthorized-id");

            Eventually.within(Duration.ofSeconds(5), "three access lines", () -> access.lines().size() >= 3);
            assertThat(access.lines()).anySatisfy(line -> {
                assertThat(line.requestId()).isEqualTo("new-device-id");
                assertThat(line.thread()).as("registered on a database thread").startsWith("blocking-executor-");
            });
            assertThat(access.lines()).extracting(CapturedLines.Line::requestId)
                    .contains("returning-device-id", "unauthorized-id");
            assertThat(access.lines()).allSatisfy(line -> assertThat(line.requestId()).isNotNull());
        }
    }
}
