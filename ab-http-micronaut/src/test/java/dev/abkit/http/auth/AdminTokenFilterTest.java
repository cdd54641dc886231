package dev.abkit.http.auth;

import dev.abkit.core.auth.Permission;
import dev.abkit.core.auth.Principal;
import dev.abkit.core.auth.Role;
import dev.abkit.core.auth.TokenName;
import dev.abkit.core.port.in.ManageTokens;
import dev.abkit.core.port.in.NewToken;
import io.micronaut.http.annotation.RequestAttribute;
import java.util.Optional;
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

    @Inject
    ManageTokens tokens;

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
        for (String authorization : List.of("Bearer wrong", "Bearer " + KnownAdminToken.VALUE + "x")) {
            assertUnauthorized(get("/api/v1/admin/probe", "Authorization", authorization), "the token is not known");
        }
        for (String authorization : List.of("Basic " + basic, "Token " + KnownAdminToken.VALUE)) {
            assertUnauthorized(get("/api/v1/admin/probe", "Authorization", authorization), "Authorization: Bearer <token>");
        }

        HttpResponse<String> authorized = get("/api/v1/admin/probe", "Authorization", "Bearer " + KnownAdminToken.VALUE);
        assertThat(authorized.statusCode()).isEqualTo(200);
        assertThat(authorized.body()).isEqualTo("bootstrap admin");
    }

    @Test
    void a_personal_token_reaches_what_its_role_may_and_its_holder_reaches_the_controller() {
        String qa = tokens.create(Principal.bootstrap(), new NewToken(TokenName.of("quinn"), Role.QA, Optional.empty())).secret();

        HttpResponse<String> allowed = get("/api/v1/admin/probe", "Authorization", "Bearer " + qa);
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.body()).isEqualTo("quinn qa");

        HttpResponse<String> refused = get("/api/v1/admin/undeclared", "Authorization", "Bearer " + qa);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body()).contains("\"type\":\"urn:abkit:problem:forbidden\"", "\"status\":403",
                "is for the role admin only; the token \\\"quinn\\\" has the role qa");
    }

    @Test
    void a_route_that_declares_no_permission_is_for_admins_only() {
        String admin = tokens.create(Principal.bootstrap(), new NewToken(TokenName.of("root"), Role.ADMIN, Optional.empty())).secret();
        String analyst = tokens.create(Principal.bootstrap(), new NewToken(TokenName.of("ana"), Role.ANALYST, Optional.empty())).secret();

        assertThat(get("/api/v1/admin/undeclared", "Authorization", "Bearer " + admin).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/admin/undeclared", "Authorization", "Bearer " + analyst).statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/admin/probe", "Authorization", "Bearer " + analyst).statusCode()).isEqualTo(403);
    }

    @Test
    void a_revoked_token_is_refused_at_its_next_request() {
        var created = tokens.create(Principal.bootstrap(), new NewToken(TokenName.of("gone"), Role.QA, Optional.empty()));
        assertThat(get("/api/v1/admin/probe", "Authorization", "Bearer " + created.secret()).statusCode()).isEqualTo(200);

        tokens.revoke(Principal.bootstrap(), created.token().id());

        assertUnauthorized(get("/api/v1/admin/probe", "Authorization", "Bearer " + created.secret()), "the token was revoked");
    }

    @Test
    void every_path_below_the_admin_api_needs_the_token_even_where_nothing_is_served() {
        for (String path : List.of("/api/v1/admin", "/api/v1/admin/", "/api/v1/admin/probe", "/api/v1/admin/x/y")) {
            assertUnauthorized(get(path), "needs a token");
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

        @NeedsPermission(Permission.LOOK_UP_DEVICES)
        @Get(uri = "/api/v1/admin/probe", produces = "text/plain")
        String probe(@RequestAttribute(AdminTokenFilter.PRINCIPAL) Principal actor) {
            return actor.name() + " " + actor.role().wireName();
        }

        @Get(uri = "/api/v1/admin/undeclared", produces = "text/plain")
        String undeclared() {
            return "admin";
        }
    }
}
