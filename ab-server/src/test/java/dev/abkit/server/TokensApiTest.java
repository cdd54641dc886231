package dev.abkit.server;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Personal tokens over HTTP, on two servers that share one database as behind a load balancer: the secret is shown
 * once and never listed, a revocation made through one server refuses the token on the other at its next request
 * (well within issue 15's second), a token stops working at its expiry, and bodies are read strictly.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokensApiTest extends TwoServersSystemTest {

    private static final String TOKENS = "/api/v1/admin/tokens";

    private Map<String, Object> create(String body) {
        HttpResponse<String> response = api.post(TOKENS, body, "Authorization", "Bearer " + Api.ADMIN_TOKEN,
                "Content-Type", "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return api.object(response.body());
    }

    private static String[] bearer(Object token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    @Test
    void a_created_token_shows_its_secret_once_and_the_list_never() {
        Map<String, Object> created = create("{\"name\":\"alice\",\"role\":\"editor\",\"expiresIn\":\"P90D\"}");
        assertThat(created).containsOnlyKeys("id", "name", "role", "createdAt", "expiresAt", "token")
                .containsEntry("name", "alice").containsEntry("role", "editor");
        assertThat(created.get("token").toString()).matches("abk_[A-Za-z0-9_-]{43}");
        assertThat(java.time.Duration.between(java.time.Instant.parse(created.get("createdAt").toString()),
                java.time.Instant.parse(created.get("expiresAt").toString()))).isEqualTo(java.time.Duration.ofDays(90));

        assertThat(other.get("/api/v1/admin/experiments", bearer(created.get("token"))).statusCode()).isEqualTo(200);

        HttpResponse<String> listed = api.get(TOKENS, bearer(Api.ADMIN_TOKEN));
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).doesNotContain(created.get("token").toString());
        Map<String, Object> alice = api.list(listed.body()).stream()
                .filter(token -> token.get("id").equals(created.get("id"))).findFirst().orElseThrow();
        assertThat(alice).containsOnlyKeys("id", "name", "role", "createdAt", "expiresAt", "lastUsedAt", "revokedAt")
                .containsEntry("revokedAt", null);
        assertThat(alice.get("lastUsedAt")).as("used once, through the other server").isNotNull();
    }

    @Test
    void a_token_revoked_through_one_server_is_refused_by_the_other_at_once() {
        Map<String, Object> created = create("{\"name\":\"leaver\",\"role\":\"admin\"}");
        assertThat(other.get(TOKENS, bearer(created.get("token"))).statusCode()).isEqualTo(200);

        HttpResponse<String> revoked = api.post(TOKENS + "/" + created.get("id") + "/revoke", "", bearer(Api.ADMIN_TOKEN));
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(api.object(revoked.body()).get("revokedAt")).isNotNull();
        long revokedAt = System.nanoTime();

        HttpResponse<String> refused = other.get(TOKENS, bearer(created.get("token")));
        assertThat(System.nanoTime() - revokedAt).as("asked within the second").isLessThan(1_000_000_000L);
        assertProblem(refused, 401);
        assertThat(refused.body()).contains("the token was revoked");
        assertThat(api.get("/stats", bearer(created.get("token"))).statusCode()).isEqualTo(401);
        assertThat(other.get("/metrics", bearer(created.get("token"))).statusCode()).isEqualTo(401);
    }

    @Test
    void a_token_stops_working_at_its_expiry_on_every_server() {
        Map<String, Object> created = create("{\"name\":\"brief\",\"role\":\"analyst\",\"expiresIn\":\"PT1S\"}");
        assertThat(other.get("/api/v1/stats", bearer(created.get("token"))).statusCode()).isEqualTo(200);

        Eventually.within(Duration.ofSeconds(5), "the token expires a second after it was made",
                () -> api.get("/api/v1/stats", bearer(created.get("token"))).statusCode() == 401);

        for (Api server : List.of(api, other)) {
            HttpResponse<String> refused = server.get("/api/v1/stats", bearer(created.get("token")));
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.body()).contains("the token has expired");
        }
    }

    @Test
    void only_admins_manage_tokens_and_the_refusal_names_the_role_needed() {
        Map<String, Object> editor = create("{\"name\":\"eddie\",\"role\":\"editor\"}");
        HttpResponse<String> refused = api.post(TOKENS, "{\"name\":\"x\",\"role\":\"admin\"}", "Authorization",
                "Bearer " + editor.get("token"), "Content-Type", "application/json");
        assertProblem(refused, 403);
        assertThat(refused.body()).contains("urn:abkit:problem:forbidden", "which the roles admin have",
                "has the role editor");

        Map<String, Object> admin = create("{\"name\":\"root\",\"role\":\"admin\"}");
        HttpResponse<String> made = api.post(TOKENS, "{\"name\":\"by-root\",\"role\":\"qa\"}", "Authorization",
                "Bearer " + admin.get("token"), "Content-Type", "application/json");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    }

    @Test
    void bodies_are_read_strictly_and_each_fault_names_its_field() {
        Map<String, String> faults = Map.of(
                "{\"name\":\"a\",\"role\":\"root\"}", "role",
                "{\"name\":\"\",\"role\":\"qa\"}", "name",
                "{\"role\":\"qa\"}", "name",
                "{\"name\":\"a\",\"role\":\"qa\",\"expiresIn\":\"PT0.5S\"}", "expiresIn",
                "{\"name\":\"a\",\"role\":\"qa\",\"expiresIn\":\"P1M\"}", "expiresIn",
                "{\"name\":\"a\",\"role\":\"qa\",\"expiresIn\":90}", "expiresIn",
                "{\"name\":\"a\",\"role\":\"qa\",\"secret\":\"mine\"}", "secret");
        faults.forEach((body, field) -> {
            HttpResponse<String> response = api.post(TOKENS, body, "Authorization", "Bearer " + Api.ADMIN_TOKEN,
                    "Content-Type", "application/json");
            assertProblem(response, 400);
            assertThat(api.object(response.body())).as(body).containsEntry("field", field);
        });
    }

    @Test
    void revoking_an_unknown_or_malformed_id_is_a_404_problem() {
        for (String id : List.of("00000000-0000-0000-0000-000000000000", "not-an-id")) {
            HttpResponse<String> response = api.post(TOKENS + "/" + id + "/revoke", "", bearer(Api.ADMIN_TOKEN));
            assertProblem(response, 404);
            assertThat(response.body()).contains("urn:abkit:problem:unknown-token", id);
        }
    }
}
