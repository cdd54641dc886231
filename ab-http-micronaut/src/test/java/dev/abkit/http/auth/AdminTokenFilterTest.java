package dev.abkit.http.auth;

import dev.abkit.http.Calls;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API's filter guards the admin API and nothing else. The statistics paths belong to
 * ab-stats-web, which guards them itself; here, where stand-ins answer on every path, they are open.
 */
@MicronautTest
@Property(name = "spec.name", value = AdminTokenFilterTest.SPEC)
class AdminTokenFilterTest {

    static final String SPEC = "AdminTokenFilterTest";
    static final String OPEN = "reached without a token";

    @Inject
    EmbeddedServer server;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void statistics_paths_and_paths_beside_the_admin_api_are_not_its_to_guard() {
        for (String path : List.of("/stats", "/stats/x", "/api/v1/stats", "/api/v1/stats/x", "/api/v1/administrator")) {
            HttpResponse<String> response = get(path);

            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).isEqualTo(OPEN);
        }
    }

    @Test
    void the_admin_api_takes_the_token_as_bearer_and_nothing_else() {
        String basic = Base64.getEncoder().encodeToString(("anyone:" + KnownAdminToken.VALUE).getBytes(StandardCharsets.UTF_8));
        for (String authorization : List.of("Bearer wrong", "Bearer " + KnownAdminToken.VALUE + "x", "Basic " + basic,
                "Token " + KnownAdminToken.VALUE)) {
            assertUnauthorized(get("/api/v1/admin/probe", "Authorization", authorization), "the admin token is wrong");
        }

        HttpResponse<String> authorized = get("/api/v1/admin/probe", "Authorization", "Bearer " + KnownAdminToken.VALUE);
        assertThat(authorized.statusCode()).isEqualTo(200);
        assertThat(authorized.body()).isEqualTo("admin");
    }

    @Test
    void every_path_below_the_admin_api_needs_the_token_even_where_nothing_is_served() {
        for (String path : List.of("/api/v1/admin", "/api/v1/admin/", "/api/v1/admin/probe", "/api/v1/admin/x/y")) {
            assertUnauthorized(get(path), "needs the admin token");
        }
    }

    private static void assertUnauthorized(HttpResponse<String> response, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"abkit\"");
        assertThat(response.body()).contains("\"type\":\"urn:abkit:problem:unauthorized\"", "\"status\":401", detail);
    }

    private HttpResponse<String> get(String path, String... header) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.getURI().resolve(path)).timeout(Duration.ofSeconds(10));
        if (header.length == 2) {
            request.header(header[0], header[1]);
        }
        return Calls.send(client, request.build());
    }

    /** Answers on the paths another adapter serves, and on one of the admin API's, without checking anything. */
    @Controller
    @Requires(property = "spec.name", value = SPEC)
    static class StandIns {

        @Get(uri = "/stats", produces = "text/plain")
        String statsPage() {
            return OPEN;
        }

        @Get(uri = "/stats/x", produces = "text/plain")
        String belowStatsPage() {
            return OPEN;
        }

        @Get(uri = "/api/v1/stats", produces = "text/plain")
        String statsJson() {
            return OPEN;
        }

        @Get(uri = "/api/v1/stats/x", produces = "text/plain")
        String belowStatsJson() {
            return OPEN;
        }

        @Get(uri = "/api/v1/administrator", produces = "text/plain")
        String besideTheAdminApi() {
            return OPEN;
        }

        @Get(uri = "/api/v1/admin/probe", produces = "text/plain")
        String admin() {
            return "admin";
        }
    }
}
