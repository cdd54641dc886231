package dev.abkit.server;

import ch.qos.logback.classic.Level;
import dev.abkit.stats.StatsPageViews;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In the whole server, a statistics page whose template fails (ab-stats-web's test view model, which lacks
 * the methods the template calls, published by its test jar for the environment named here) is a 500 page at
 * once, as the OpenAPI document allows, and its one error line carries the request's id.
 */
@MicronautTest(transactional = false, environments = "unrenderable-view-model")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageRenderFailureTest extends SystemTest {

    @Test
    void the_failure_is_a_500_page_and_one_error_line_with_the_request_id() {
        try (CapturedLines errors = CapturedLines.of(StatsPageViews.class.getName(), Level.ERROR)) {
            HttpResponse<String> response = api.get("/stats", "Authorization", "Bearer " + Api.ADMIN_TOKEN,
                    "X-Request-Id", "render-failure-id");

            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/html"));
            assertThat(response.headers().firstValue("X-Request-Id")).hasValue("render-failure-id");
            assertThat(response.body()).contains("could not be shown").doesNotContain("OGNL", "Exception");
            assertThat(errors.lines()).singleElement().satisfies(line -> {
                assertThat(line.message()).isEqualTo("GET /stats failed while rendering its page");
                assertThat(line.requestId()).isEqualTo("render-failure-id");
            });
        }
    }
}
