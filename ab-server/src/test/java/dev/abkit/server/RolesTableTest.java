package dev.abkit.server;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15's roles over HTTP: every guarded endpoint of the server (the admin API, the statistics, /metrics), listed
 * from Micronaut's router so that an endpoint added without a row here fails, against every kind of caller: the
 * bootstrap admin, a personal token of each role, and no token, an unknown, an expired and a revoked one. A role that
 * may gets past the guard (any status but 401 and 403: a request on an unknown experiment answers 404), one that may
 * not gets the 403 problem, and every refused token the 401 problem. The allowed roles are written out per row.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RolesTableTest extends SystemTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /** One row per guarded route: the request that stands for it, and the roles that may make it. */
    private record Row(String method, String target, String body, Set<String> allowed) {
    }

    private static final Map<String, Row> ROWS = rows();

    private static Map<String, Row> rows() {
        Set<String> adminOnly = Set.of("admin");
        Set<String> experimentReaders = Set.of("admin", "editor", "analyst");
        Set<String> experimentWriters = Set.of("admin", "editor");
        Set<String> overriders = Set.of("admin", "editor", "qa");
        Set<String> statisticsReaders = Set.of("admin", "analyst");
        Set<String> auditReaders = Set.of("admin", "analyst");
        Map<String, Row> rows = new LinkedHashMap<>();
        String experiments = "/api/v1/admin/experiments";
        rows.put("POST " + experiments, new Row("POST", experiments, null, experimentWriters));
        rows.put("GET " + experiments, new Row("GET", experiments, null, experimentReaders));
        rows.put("GET " + experiments + "/{key}", new Row("GET", experiments + "/button_color", null, experimentReaders));
        rows.put("PATCH " + experiments + "/{key}", new Row("PATCH", experiments + "/not_there", "{}", experimentWriters));
        for (String step : List.of("start", "close", "stop")) {
            rows.put("POST " + experiments + "/{key}/" + step, new Row("POST", experiments + "/not_there/" + step, null, experimentWriters));
        }
        rows.put("POST " + experiments + "/{key}/schedule", new Row("POST", experiments + "/not_there/schedule",
                "{\"startAt\":\"2030-01-01T00:00:00Z\"}", experimentWriters));
        rows.put("GET " + experiments + "/{key}/results", new Row("GET", experiments + "/button_color/results", null, statisticsReaders));
        for (String export : List.of("assignments.csv", "events.csv")) {
            rows.put("GET " + experiments + "/{key}/" + export, new Row("GET", experiments + "/button_color/" + export, null,
                    statisticsReaders));
        }
        rows.put("GET /api/v1/admin/history.csv", new Row("GET", "/api/v1/admin/history.csv?month=2026-11", null,
                statisticsReaders));
        String overrides = experiments + "/{key}/overrides";
        rows.put("GET " + overrides, new Row("GET", experiments + "/price/overrides", null, overriders));
        rows.put("PUT " + overrides + "/{deviceToken}", new Row("PUT", experiments + "/price/overrides/qa-phone",
                "{\"value\":\"50\"}", overriders));
        rows.put("DELETE " + overrides + "/{deviceToken}", new Row("DELETE", experiments + "/price/overrides/qa-phone", null, overriders));
        rows.put("GET /api/v1/admin/devices/{deviceToken}", new Row("GET", "/api/v1/admin/devices/nobody", null, Set.of("admin", "qa")));
        rows.put("POST /api/v1/admin/tokens", new Row("POST", "/api/v1/admin/tokens", null, adminOnly));
        rows.put("GET /api/v1/admin/tokens", new Row("GET", "/api/v1/admin/tokens", null, adminOnly));
        rows.put("POST /api/v1/admin/tokens/{id}/revoke", new Row("POST", "/api/v1/admin/tokens/" + UUID.randomUUID() + "/revoke",
                null, adminOnly));
        rows.put("GET /api/v1/admin/audit", new Row("GET", "/api/v1/admin/audit?limit=1", null, auditReaders));
        rows.put("GET /stats", new Row("GET", "/stats", null, statisticsReaders));
        rows.put("GET /stats/experiments/{key}/results", new Row("GET", "/stats/experiments/button_color/results", null,
                statisticsReaders));
        rows.put("GET /api/v1/stats", new Row("GET", "/api/v1/stats", null, statisticsReaders));
        rows.put("GET /metrics", new Row("GET", "/metrics", null, statisticsReaders));
        return rows;
    }

    @Inject
    Router router;

    /** The callers: a secret each, keyed by the role it should act as, or by how it must be refused. */
    private final Map<String, String> personal = new LinkedHashMap<>();
    private final Map<String, String> refused = new LinkedHashMap<>();

    @BeforeAll
    void makeTokens() {
        api = new Api(server.getURI(), json);
        for (String role : List.of("admin", "editor", "qa", "analyst")) {
            personal.put(role, created("table-" + role, role, null));
        }
        String expiring = created("table-expiring", "analyst", "PT1S");
        String revoked = created("table-revoked", "admin", null);
        String revokedId = api.list(admin("GET", "/api/v1/admin/tokens", null).body()).stream()
                .filter(token -> token.get("name").equals("table-revoked")).findFirst().orElseThrow().get("id").toString();
        assertThat(admin("POST", "/api/v1/admin/tokens/" + revokedId + "/revoke", null).statusCode()).isEqualTo(200);
        refused.put("no token", null);
        refused.put("unknown", "abk_" + "x".repeat(43));
        refused.put("expired", expiring);
        refused.put("revoked", revoked);
        Eventually.within(Duration.ofSeconds(5), "the expiring token's second is over",
                () -> api.get("/api/v1/stats", "Authorization", "Bearer " + expiring).statusCode() == 401);
    }

    private String created(String name, String role, String expiresIn) {
        String body = "{\"name\":\"" + name + "\",\"role\":\"" + role + "\""
                + (expiresIn == null ? "" : ",\"expiresIn\":\"" + expiresIn + "\"") + "}";
        HttpResponse<String> response = admin("POST", "/api/v1/admin/tokens", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return api.object(response.body()).get("token").toString();
    }

    private HttpResponse<String> admin(String method, String target, String body) {
        return as(Api.ADMIN_TOKEN, method, target, body);
    }

    private HttpResponse<String> as(String token, String method, String target, String body) {
        String[] headers = token == null ? new String[] {"Content-Type", "application/json"}
                : new String[] {"Authorization", "Bearer " + token, "Content-Type", "application/json"};
        return api.exchange(method, target, body, headers);
    }

    /** What a row sends: the create calls get a body of their own each time. */
    private static String bodyOf(Row row) {
        if (row.target().equals("/api/v1/admin/experiments") && row.method().equals("POST")) {
            return "{\"key\":\"table_" + SEQUENCE.incrementAndGet() + "\",\"draft\":true,"
                    + "\"options\":[{\"value\":\"a\",\"weight\":50},{\"value\":\"b\",\"weight\":50}]}";
        }
        if (row.target().equals("/api/v1/admin/tokens") && row.method().equals("POST")) {
            return "{\"name\":\"made-by-table-" + SEQUENCE.incrementAndGet() + "\",\"role\":\"qa\"}";
        }
        return row.body();
    }

    @Test
    void every_guarded_route_of_the_server_has_a_row_and_every_row_a_route() {
        List<String> guarded = router.uriRoutes()
                .filter(route -> !route.getHttpMethodName().equals("HEAD")) // Micronaut's twin of each GET: same guard
                .map(RolesTableTest::named)
                .filter(RolesTableTest::isGuarded)
                .distinct()
                .toList();
        assertThat(guarded).as("the guarded routes, so that this test cannot pass on none")
                .contains("GET /api/v1/admin/experiments", "GET /stats", "GET /metrics", "POST /api/v1/admin/tokens");
        assertThat(ROWS.keySet()).as("a row for every guarded route (add one with the roles that may)")
                .containsExactlyInAnyOrderElementsOf(guarded);
    }

    @TestFactory
    Stream<DynamicTest> every_role_against_every_guarded_route() {
        return ROWS.entrySet().stream().flatMap(entry -> personal.entrySet().stream().map(caller ->
                DynamicTest.dynamicTest(caller.getKey() + " -> " + entry.getKey(), () -> {
                    Row row = entry.getValue();
                    HttpResponse<String> response = as(caller.getValue(), row.method(), row.target(), bodyOf(row));
                    if (row.allowed().contains(caller.getKey())) {
                        assertThat(response.statusCode()).as(response.body()).isNotIn(401, 403);
                    } else {
                        assertProblem(response, 403);
                        assertThat(response.body()).contains("urn:abkit:problem:forbidden", "the role " + caller.getKey());
                    }
                })));
    }

    @TestFactory
    Stream<DynamicTest> the_bootstrap_admin_passes_every_guard() {
        return ROWS.entrySet().stream().map(entry -> DynamicTest.dynamicTest("bootstrap -> " + entry.getKey(), () -> {
            Row row = entry.getValue();
            HttpResponse<String> response = admin(row.method(), row.target(), bodyOf(row));
            assertThat(response.statusCode()).as(response.body()).isNotIn(401, 403);
        }));
    }

    @TestFactory
    Stream<DynamicTest> no_unknown_expired_or_revoked_token_passes_any_guard() {
        return ROWS.entrySet().stream().flatMap(entry -> refused.entrySet().stream().map(caller ->
                DynamicTest.dynamicTest(caller.getKey() + " -> " + entry.getKey(), () -> {
                    Row row = entry.getValue();
                    HttpResponse<String> response = as(caller.getValue(), row.method(), row.target(), bodyOf(row));
                    assertProblem(response, 401);
                    assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
                })));
    }

    private static boolean isGuarded(String route) {
        String path = route.substring(route.indexOf(' ') + 1);
        return path.startsWith("/api/v1/admin") || path.startsWith("/stats") || path.startsWith("/api/v1/stats")
                || path.startsWith("/metrics");
    }

    private static String named(UriRouteInfo<?, ?> route) {
        return route.getHttpMethodName() + " " + route.getUriMatchTemplate();
    }
}
