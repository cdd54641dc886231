package dev.abkit.http.admin;

import dev.abkit.core.AbKit;
import dev.abkit.core.port.in.NewToken;
import dev.abkit.core.auth.Principal;
import dev.abkit.core.auth.Role;
import dev.abkit.core.auth.TokenName;
import dev.abkit.core.port.in.CloseExperiment;
import dev.abkit.core.port.in.CreateExperiment;
import dev.abkit.core.port.in.EditExperiment;
import dev.abkit.core.port.in.FindExperiments;
import dev.abkit.core.port.in.OverrideDevices;
import dev.abkit.core.port.in.ReadAudit;
import dev.abkit.core.port.in.ScheduleExperiment;
import dev.abkit.core.port.in.StartExperiment;
import dev.abkit.core.port.in.StopExperiment;
import dev.abkit.core.service.TokenService;
import dev.abkit.http.Calls;
import dev.abkit.http.auth.KnownAdminToken;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/v1/admin/audit} over the core's own services on its in-memory stores, at a fixed instant:
 * changes made over HTTP come back as entries naming the request's token, with snapshots written member for
 * member (nulls, booleans, whole and decimal numbers, lists and nested objects as the core holds them); each
 * bad parameter is a 400 naming it, an unknown experiment a 404, a role without the permission a 403.
 */
@MicronautTest
class AdminAuditControllerTest {

    static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    static final AbKit KIT = AbKit.inMemory(Clock.fixed(NOW, ZoneOffset.UTC));
    static final String AUDIT = "/api/v1/admin/audit";

    @Inject
    EmbeddedServer server;

    @Inject
    TokenService tokens;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void changes_made_over_http_are_entries_with_the_token_and_every_member_of_their_snapshots() {
        assertStatus(send("POST", "/api/v1/admin/experiments", """
                {"key":"audited","options":[{"value":"a","weight":1},{"value":"b","weight":2}],"draft":true,
                 "coverage":33.33,"audience":{"platforms":["ios"],"minAppVersion":"2.0.0","includeUnknown":true}}"""), 201);
        assertStatus(send("POST", "/api/v1/admin/experiments/audited/start", ""), 200);
        assertStatus(send("PUT", "/api/v1/admin/experiments/audited/overrides/qa-phone", "{\"value\":\"b\"}"), 200);

        HttpResponse<String> page = get(AUDIT + "?experiment=audited", KnownAdminToken.VALUE);

        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("application/json");
        String actor = "\"actor\":{\"name\":\"bootstrap\",\"role\":\"admin\"}";
        String draft = "{\"key\":\"audited\",\"status\":\"DRAFT\",\"createdAt\":\"2026-12-02T10:00:00Z\","
                + "\"options\":[{\"value\":\"a\",\"weight\":1},{\"value\":\"b\",\"weight\":2}],"
                + "\"startAt\":null,\"endAt\":null,\"startedAt\":null,\"endAction\":\"STOP\",\"coverage\":33.33,"
                + "\"audience\":{\"platforms\":[\"ios\"],\"minAppVersion\":\"2.0.0\",\"maxAppVersion\":null,"
                + "\"locales\":null,\"countries\":null,\"includeUnknown\":true}}";
        String running = draft.replace("\"DRAFT\"", "\"RUNNING\"")
                .replace("\"startedAt\":null", "\"startedAt\":\"2026-12-02T10:00:00Z\"");
        assertThat(page.body().replaceAll("\"position\":\\d+", "\"position\":_")).isEqualTo("{\"entries\":["
                + "{\"position\":_,\"at\":\"2026-12-02T10:00:00Z\"," + actor
                + ",\"action\":\"experiment.created\",\"experiment\":\"audited\",\"before\":null,\"after\":" + draft + "},"
                + "{\"position\":_,\"at\":\"2026-12-02T10:00:00Z\"," + actor
                + ",\"action\":\"experiment.started\",\"experiment\":\"audited\",\"before\":" + draft
                + ",\"after\":" + running + "},"
                + "{\"position\":_,\"at\":\"2026-12-02T10:00:00Z\"," + actor
                + ",\"action\":\"override.set\",\"experiment\":\"audited\",\"before\":null,\"after\":"
                + "{\"deviceToken\":\"qa-phone\",\"value\":\"b\",\"createdAt\":\"2026-12-02T10:00:00Z\"}"
                + "}],\"next\":null}");
        assertThat(positions(page.body())).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void pages_of_two_follow_one_another_by_position_to_the_last_and_the_window_is_half_open() {
        for (String key : new String[] {"paged_1", "paged_2", "paged_3"}) {
            assertStatus(send("POST", "/api/v1/admin/experiments",
                    "{\"key\":\"" + key + "\",\"options\":[{\"value\":\"a\",\"weight\":1}],\"draft\":true}"), 201);
        }
        List<Long> all = positions(get(AUDIT + "?limit=1000", KnownAdminToken.VALUE).body());

        List<Long> paged = new ArrayList<>();
        String next = "0";
        int pages = 0;
        while (!next.equals("null")) {
            String page = get(AUDIT + "?limit=2&after=" + next, KnownAdminToken.VALUE).body();
            List<Long> onPage = positions(page);
            assertThat(onPage).hasSizeBetween(1, 2);
            paged.addAll(onPage);
            next = page.replaceAll("(?s).*\"next\":(\\d+|null)}$", "$1");
            assertThat(next).isIn("null", String.valueOf(onPage.get(onPage.size() - 1)));
            pages++;
        }

        assertThat(all).hasSizeGreaterThanOrEqualTo(3).isSorted();
        assertThat(paged).isEqualTo(all);
        assertThat(pages).isEqualTo((all.size() + 1) / 2);
        assertThat(positions(get(AUDIT + "?from=" + NOW, KnownAdminToken.VALUE).body())).isNotEmpty();
        assertThat(get(AUDIT + "?to=" + NOW, KnownAdminToken.VALUE).body())
                .as("nothing before the instant that every change was made at").isEqualTo("{\"entries\":[],\"next\":null}");
    }

    @Test
    void each_bad_parameter_is_a_400_naming_it() {
        Map<String, String> parameterOfQuery = Map.of(
                "?from=yesterday", "from",
                "?to=2026-12-01", "to",
                "?from=2026-12-01T00:00:00Z&to=2026-12-01T00:00:00Z", "to",
                "?after=-1", "after",
                "?after=first", "after",
                "?limit=0", "limit",
                "?limit=1001", "limit",
                "?limit=99999999999", "limit",
                "?limit=ten", "limit");

        parameterOfQuery.forEach((query, parameter) -> {
            HttpResponse<String> refused = get(AUDIT + query, KnownAdminToken.VALUE);
            assertThat(refused.statusCode()).as(query + " " + refused.body()).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(refused.body()).as(query).contains("\"field\":\"" + parameter + "\"",
                    "\"type\":\"urn:abkit:problem:invalid-input\"");
        });
    }

    @Test
    void an_experiment_that_does_not_exist_is_a_404_as_on_its_own_paths() {
        for (String key : new String[] {"never_created", "Not%20A%20Key"}) {
            HttpResponse<String> response = get(AUDIT + "?experiment=" + key, KnownAdminToken.VALUE);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
            assertThat(response.body()).contains("\"type\":\"urn:abkit:problem:unknown-experiment\"");
        }
    }

    @Test
    void an_analyst_reads_the_trail_and_a_qa_token_is_refused() {
        String analyst = tokens.create(Principal.bootstrap(),
                new NewToken(TokenName.of("ana"), Role.ANALYST, Optional.empty())).secret();
        String qa = tokens.create(Principal.bootstrap(),
                new NewToken(TokenName.of("quinn"), Role.QA, Optional.empty())).secret();

        assertThat(get(AUDIT, analyst).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = get(AUDIT, qa);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("\"type\":\"urn:abkit:problem:forbidden\"");
    }

    private static void assertStatus(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    }

    private static List<Long> positions(String page) {
        return Pattern.compile("\"position\":(\\d+)").matcher(page).results()
                .map(position -> Long.parseLong(position.group(1))).toList();
    }

    private HttpResponse<String> get(String pathAndQuery, String token) {
        return Calls.send(client, HttpRequest.newBuilder(server.getURI().resolve(pathAndQuery))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build());
    }

    private HttpResponse<String> send(String method, String path, String body) {
        return Calls.send(client, HttpRequest.newBuilder(server.getURI().resolve(path))
                .header("Authorization", "Bearer " + KnownAdminToken.VALUE).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.ofString(body)).build());
    }

    // The core's services on its in-memory stores, as ab-server's factory wires them on its database. One
    // service object serves several use cases, and mock beans must be distinct objects: hence the method
    // references for the use cases of one method.

    @MockBean(ReadAudit.class)
    ReadAudit readAudit() {
        return KIT.readAudit()::read;
    }

    @MockBean(FindExperiments.class)
    FindExperiments findExperiments() {
        return KIT.findExperiments();
    }

    @MockBean(CreateExperiment.class)
    CreateExperiment createExperiment() {
        return KIT.createExperiment()::create;
    }

    @MockBean(StartExperiment.class)
    StartExperiment startExperiment() {
        return KIT.startExperiment()::start;
    }

    @MockBean(ScheduleExperiment.class)
    ScheduleExperiment scheduleExperiment() {
        return KIT.scheduleExperiment();
    }

    @MockBean(EditExperiment.class)
    EditExperiment editExperiment() {
        return KIT.editExperiment()::edit;
    }

    @MockBean(CloseExperiment.class)
    CloseExperiment closeExperiment() {
        return KIT.closeExperiment()::close;
    }

    @MockBean(StopExperiment.class)
    StopExperiment stopExperiment() {
        return KIT.stopExperiment()::stop;
    }

    @MockBean(OverrideDevices.class)
    OverrideDevices overrideDevices() {
        return KIT.overrideDevices();
    }
}
