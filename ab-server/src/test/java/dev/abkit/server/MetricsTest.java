package dev.abkit.server;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /metrics}: guarded by the admin token like the admin API, Prometheus text with the request
 * timers by route template, the connection pool and abkit's own counters, each following what was done.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsTest extends SystemTest {

    private static final String BEARER = "Bearer " + Api.ADMIN_TOKEN;

    private Scrape scrape() {
        HttpResponse<String> response = api.get("/metrics", "Authorization", BEARER);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Scrape.of(response.body());
    }

    @Test
    void without_the_admin_token_or_with_a_wrong_one_metrics_are_a_401_problem() {
        for (HttpResponse<String> response : List.of(api.get("/metrics"),
                api.get("/metrics", "Authorization", "Bearer wrong-token"),
                api.get("/metrics", "Authorization", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString(("anyone:" + Api.ADMIN_TOKEN).getBytes(java.nio.charset.StandardCharsets.UTF_8))),
                api.get("/metrics/jvm.memory.used"))) {
            assertProblem(response, 401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"abkit\"");
            assertThat(response.body()).doesNotContain("abkit_", "jvm_");
        }
    }

    @Test
    void with_the_token_metrics_are_prometheus_text_and_nothing_else_of_micronauts_management_leaks() {
        HttpResponse<String> response = api.get("/metrics", "Authorization", BEARER);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        assertThat(response.body()).contains("# TYPE abkit_registrations_total counter");
        assertProblem(api.get("/metrics/jvm.memory.used", "Authorization", BEARER), 404);
        assertProblem(api.get("/prometheus", "Authorization", BEARER), 404);
    }

    @Test
    void registrations_enrolments_and_answers_from_memory_follow_the_devices_served() {
        Scrape before = scrape();

        for (String token : List.of("metrics-new-1", "metrics-new-2", "metrics-new-3")) {
            api.experimentsOf(token);
        }
        api.experimentsOf("metrics-new-1");
        api.experimentsOf("metrics-new-2");

        Scrape after = scrape();
        assertThat(after.sum("abkit_registrations_total") - before.sum("abkit_registrations_total")).isEqualTo(3);
        assertThat(after.sum("abkit_enrolments_total", "experiment=\"button_color\"")
                - before.sum("abkit_enrolments_total", "experiment=\"button_color\"")).isEqualTo(3);
        assertThat(after.sum("abkit_enrolments_total", "experiment=\"price\"")
                - before.sum("abkit_enrolments_total", "experiment=\"price\"")).isEqualTo(3);
        assertThat(after.has("abkit_enrolments_total", "experiment=\"button_color\"", "option=\"#FF0000\"")).isTrue();
        assertThat(after.sum("abkit_device_memory_hits_total") - before.sum("abkit_device_memory_hits_total")).isEqualTo(2);
        assertThat(after.sum("abkit_device_memory_misses_total")).isEqualTo(before.sum("abkit_device_memory_misses_total"));
    }

    @Test
    void requests_are_timed_by_route_template_and_status_never_by_the_raw_path() {
        api.admin("GET", Api.ADMIN + "/price", null);
        api.get(Api.ADMIN + "/secret-key-in-a-path");
        api.get("/no/such/path-with-a-secret");

        Scrape scrape = scrape();
        assertThat(scrape.sum("http_server_requests_seconds_count", "uri=\"/api/v1/admin/experiments/{key}\"",
                "status=\"200\"")).isGreaterThanOrEqualTo(1);
        assertThat(scrape.sum("http_server_requests_seconds_count", "uri=\"/api/v1/admin/experiments/{key}\"",
                "status=\"401\"")).isGreaterThanOrEqualTo(1);
        assertThat(scrape.sum("http_server_requests_seconds_count", "uri=\"NOT_FOUND\"", "status=\"404\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(scrape.series().keySet()).noneMatch(series -> series.contains("secret"));
    }

    @Test
    void events_accepted_and_duplicates_follow_the_answers_of_the_events_call() {
        api.experimentsOf("metrics-events-1");
        Scrape before = scrape();

        String batch = "{\"events\":[{\"id\":\"m-1\",\"name\":\"open\"},{\"id\":\"m-2\",\"name\":\"open\"}]}";
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> response = api.post("/api/v1/events", batch, "Device-Token", "metrics-events-1",
                    "Content-Type", "application/json");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        }

        Scrape after = scrape();
        assertThat(after.sum("abkit_events_accepted_total") - before.sum("abkit_events_accepted_total")).isEqualTo(2);
        assertThat(after.sum("abkit_events_duplicates_total") - before.sum("abkit_events_duplicates_total")).isEqualTo(2);
    }

    @Test
    void the_connection_pool_and_the_refusal_counters_are_there_from_the_start() {
        Scrape scrape = scrape();

        assertThat(scrape.has("hikaricp_connections_active")).isTrue();
        assertThat(scrape.has("hikaricp_connections_pending")).isTrue();
        assertThat(scrape.sum("hikaricp_connections_max")).isEqualTo(8);
        assertThat(scrape.has("abkit_requests_refused_total", "reason=\"queue_full\"")).isTrue();
        assertThat(scrape.has("abkit_requests_refused_total", "reason=\"queue_wait\"")).isTrue();
        assertThat(scrape.has("abkit_device_memory_misses_total")).isTrue();
    }
}
