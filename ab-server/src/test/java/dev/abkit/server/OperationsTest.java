package dev.abkit.server;

import io.micronaut.http.HttpMethod;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** What an operator and an API user see around the API: health, OpenAPI, Swagger UI, framework errors. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationsTest extends SystemTest {

    @Inject
    Router router;

    @Test
    void health_is_up_without_a_token() {
        HttpResponse<String> response = api.get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(api.object(response.body())).containsEntry("status", "UP");
    }

    @Test
    void the_openapi_document_is_served_as_yaml_and_as_the_same_json() {
        HttpResponse<String> yaml = api.get("/openapi.yaml");
        HttpResponse<String> json = api.get("/openapi.json");

        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/yaml"));
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        Object fromYaml = new org.yaml.snakeyaml.Yaml().load(yaml.body());
        assertThat(api.object(json.body())).isEqualTo(fromYaml);
        assertThat(yaml.body()).startsWith("openapi: 3.0.3").contains("operationId: getDeviceExperiments");
    }

    /** The document is written by hand: an endpoint added without it, or one it names that is gone, fails here. */
    @Test
    void every_route_of_the_server_is_in_the_openapi_document_and_every_operation_there_is_routed() {
        Set<String> routed = router.uriRoutes()
                .filter(route -> route.getHttpMethod() != HttpMethod.HEAD)
                // The admin console's pages and forms are for people, not an API (decision 20).
                .filter(route -> !route.getUriMatchTemplate().toPathString().startsWith("/admin"))
                .map(route -> route.getHttpMethod() + " " + route.getUriMatchTemplate().toPathString())
                .collect(Collectors.toCollection(TreeSet::new));
        // Micronaut's health endpoint is one route with a selector; the document names its two selectors.
        assertThat(routed.remove("GET /health/{selector}")).isTrue();
        routed.addAll(List.of("GET /health/liveness", "GET /health/readiness"));
        Set<String> documented = new TreeSet<>();
        Map<String, Map<String, Object>> paths = new org.yaml.snakeyaml.Yaml()
                .<Map<String, Map<String, Map<String, Object>>>>load(api.get("/openapi.yaml").body())
                .get("paths");
        paths.forEach((path, operations) -> operations.keySet()
                .forEach(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path)));

        assertThat(documented).isEqualTo(routed);
    }

    @Test
    void the_swagger_ui_page_is_served_from_the_jar_and_reads_the_openapi_document() {
        HttpResponse<String> page = api.get("/swagger-ui/index.html");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("swagger-ui-bundle.js", "swagger-initializer.js");
        assertThat(api.get("/swagger-ui/swagger-initializer.js").body()).contains("url: \"/openapi.yaml\"")
                .doesNotContain("petstore");
        assertThat(api.get("/swagger-ui/swagger-ui-bundle.js").statusCode()).isEqualTo(200);
        assertThat(api.get("/swagger-ui/swagger-ui.css").statusCode()).isEqualTo(200);
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
