package dev.abkit.server;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What an operator and an API user see around the API: health, OpenAPI, Swagger UI, framework errors. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationsTest extends SystemTest {

    @Test
    void health_is_up_without_a_token() {
        HttpResponse<String> response = api.get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(api.object(response.body())).containsEntry("status", "UP");
    }

    @Test
    void the_openapi_document_describes_every_endpoint() {
        HttpResponse<String> response = api.get("/swagger/abkit-1.yml");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains(
                "openapi: 3.", "/api/v1/experiments:", "Device-Token", "/api/v1/admin/experiments:",
                "/api/v1/admin/experiments/{key}:", "/api/v1/admin/experiments/{key}/stop:",
                "application/problem+json", "bearer");
    }

    @Test
    void the_swagger_ui_page_is_served_with_its_scripts_from_the_jar() {
        HttpResponse<String> page = api.get("/swagger-ui/index.html");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("/swagger/abkit-1.yml");
        assertThat(api.get("/swagger-ui/res/swagger-ui-bundle.js").statusCode()).isEqualTo(200);
    }

    @Test
    void an_unknown_path_is_a_404_problem_even_for_a_browser() {
        for (String path : List.of("/api/v1/nothing", "/nothing", "/api/v1/experiments/extra")) {
            HttpResponse<String> response = api.get(path, "Accept", "text/html,application/xhtml+xml", "Device-Token", "d");
            assertProblem(response, 404);
        }
    }

    /** Only /health (and /metrics, MetricsTest) is abkit's; Micronaut's other management endpoints would answer 401 with no body, or worse. */
    @Test
    void management_paths_other_than_health_are_404_problems_with_or_without_the_token() {
        for (String path : List.of("/threaddump", "/info", "/refresh", "/env", "/beans", "/loggers", "/routes", "/stop",
                "/prometheus", "/caches", "/flyway", "/env/abkit", "/loggers/ROOT")) {
            assertProblem(api.get(path), 404);
            assertProblem(api.get(path, "Authorization", "Bearer " + Api.ADMIN_TOKEN), 404);
            assertProblem(api.post(path, "{}", "Content-Type", "application/json"), 404);
        }
    }

    @Test
    void a_wrong_method_is_a_405_problem() {
        assertProblem(api.method("DELETE", Api.EXPERIMENTS, "Device-Token", "device-405"), 405);
        assertProblem(api.post(Api.EXPERIMENTS, "{}", "Device-Token", "device-405", "Content-Type", "application/json"), 405);
        assertProblem(api.method("PUT", Api.ADMIN + "/price", "Authorization", "Bearer " + Api.ADMIN_TOKEN), 405);
    }

    @Test
    void a_problem_never_carries_a_stack_trace() {
        HttpResponse<String> response = api.createExperiment("{\"key\": [1, 2, {\"deep\": null}], \"options\": {}}");

        assertProblem(response, 400);
        assertThat(response.body()).doesNotContain("Exception", "\tat ", "dev.abkit", "io.micronaut");
    }

}
