package dev.abkit.server;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15's audit trail end to end over HTTP on PostgreSQL: a token per role makes every kind of admin change, the
 * schedule starts an experiment by itself, and {@code GET /api/v1/admin/audit} shows each change once, in order,
 * with its actor (the token's name and role, {@code scheduler}/{@code system} for the schedule), action, experiment
 * and the thing before and after; refused changes (409, 403) leave no entry; pages of two go through the trail
 * without repeating or skipping one; an analyst reads every entry but the tokens'.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditApiTest extends SystemTest {

    private static final String AUDIT = "/api/v1/admin/audit";
    private static final String TOKENS = "/api/v1/admin/tokens";

    /** One expected entry: who, what, of which experiment, and one member of before and after that tells the change. */
    private record Expected(String actor, String role, String action, String experiment, String member,
                            Object before, Object after) {
    }

    @Test
    void every_change_of_every_role_and_of_the_schedule_is_one_entry_with_its_actor_and_the_thing_before_and_after() {
        Instant since = Instant.now();
        String editor = token("audit-editor", "editor", Api.ADMIN_TOKEN);
        String qa = token("audit-qa", "qa", Api.ADMIN_TOKEN);
        String analyst = token("audit-analyst", "analyst", Api.ADMIN_TOKEN);
        String admin = token("audit-admin", "admin", Api.ADMIN_TOKEN);
        String life = Api.ADMIN + "/au_life";

        ok(as(editor, "POST", Api.ADMIN, """
                {"key":"au_life","options":[{"value":"a","weight":50},{"value":"b","weight":50}],"draft":true}"""), 201);
        ok(as(editor, "PATCH", life, "{\"endAction\":\"CLOSE\"}"), 200);
        ok(as(editor, "POST", life + "/start", null), 200);
        ok(as(qa, "PUT", life + "/overrides/au-qa-phone", "{\"value\":\"b\"}"), 200);
        ok(as(qa, "DELETE", life + "/overrides/au-qa-phone", null), 204);
        ok(as(editor, "POST", life + "/close", null), 200);
        ok(as(editor, "POST", life + "/stop", null), 200);
        assertProblem(as(editor, "POST", life + "/start", null), 409);
        assertProblem(as(editor, "PUT", life + "/overrides/au-qa-phone", "{\"value\":\"a\"}"), 409);
        assertProblem(as(qa, "POST", life + "/close", null), 403);
        assertProblem(as(analyst, "POST", TOKENS, "{\"name\":\"nope\",\"role\":\"qa\"}"), 403);
        Object temporary = api.object(ok(as(admin, "POST", TOKENS, "{\"name\":\"audit-temp\",\"role\":\"qa\"}"), 201))
                .get("id");
        ok(as(admin, "POST", TOKENS + "/" + temporary + "/revoke", null), 200);
        ok(as(editor, "POST", Api.ADMIN, """
                {"key":"au_planned","options":[{"value":"a","weight":50},{"value":"b","weight":50}],"draft":true}"""), 201);
        ok(as(editor, "POST", Api.ADMIN + "/au_planned/schedule",
                "{\"startAt\":\"" + Instant.now().plusMillis(1500) + "\"}"), 200);
        Eventually.within(Duration.ofSeconds(5), "the schedule starts au_planned", () -> "RUNNING".equals(
                api.object(api.admin("GET", Api.ADMIN + "/au_planned", null).body()).get("status")));

        List<Map<String, Object>> all = entries(admin, "?from=" + since + "&limit=1000");

        List<Expected> expected = List.of(
                new Expected("bootstrap", "admin", "token.created", null, "name", null, "audit-editor"),
                new Expected("bootstrap", "admin", "token.created", null, "name", null, "audit-qa"),
                new Expected("bootstrap", "admin", "token.created", null, "name", null, "audit-analyst"),
                new Expected("bootstrap", "admin", "token.created", null, "name", null, "audit-admin"),
                new Expected("audit-editor", "editor", "experiment.created", "au_life", "status", null, "DRAFT"),
                new Expected("audit-editor", "editor", "experiment.updated", "au_life", "endAction", "STOP", "CLOSE"),
                new Expected("audit-editor", "editor", "experiment.started", "au_life", "status", "DRAFT", "RUNNING"),
                new Expected("audit-qa", "qa", "override.set", "au_life", "value", null, "b"),
                new Expected("audit-qa", "qa", "override.removed", "au_life", "deviceToken", "au-qa-phone", null),
                new Expected("audit-editor", "editor", "experiment.closed", "au_life", "status", "RUNNING", "CLOSED"),
                new Expected("audit-editor", "editor", "experiment.stopped", "au_life", "status", "CLOSED", "STOPPED"),
                new Expected("audit-admin", "admin", "token.created", null, "name", null, "audit-temp"),
                new Expected("audit-admin", "admin", "token.revoked", null, "revokedAt", null, "(set)"),
                new Expected("audit-editor", "editor", "experiment.created", "au_planned", "status", null, "DRAFT"),
                new Expected("audit-editor", "editor", "experiment.scheduled", "au_planned", "status", "DRAFT", "SCHEDULED"),
                new Expected("scheduler", "system", "experiment.started", "au_planned", "status", "SCHEDULED", "RUNNING"));
        assertThat(all.stream().map(AuditApiTest::seen).toList()).isEqualTo(expected);
        assertThat(all).allSatisfy(entry -> assertThat(Instant.parse(entry.get("at").toString())).isAfterOrEqualTo(since));
        assertThat(all.stream().map(entry -> ((Number) entry.get("position")).longValue()).toList()).isSorted()
                .doesNotHaveDuplicates();
        Map<String, Object> created = all.get(4);
        assertThat(created).containsEntry("before", null);
        assertThat(member(created, "after")).containsOnlyKeys("key", "status", "createdAt", "options", "startAt", "endAt",
                "startedAt", "endAction", "coverage", "audience").containsEntry("coverage", 100).containsEntry("audience", null);
        assertThat(member(all.get(8), "after")).as("a removal shows nothing after it").isNull();
        assertThat(member(all.get(12), "after")).doesNotContainKeys("token", "digest", "lastUsedAt");

        List<Map<String, Object>> analystView = entries(analyst, "?from=" + since + "&limit=1000");
        assertThat(analystView).isEqualTo(all.stream().filter(entry -> entry.get("experiment") != null).toList());
        assertThat(entries(admin, "?experiment=au_planned").stream().map(AuditApiTest::seen).toList())
                .isEqualTo(expected.subList(13, 16));
    }

    @Test
    void pages_of_two_go_through_the_whole_trail_repeating_and_skipping_nothing() {
        for (int i = 0; i < 5; i++) {
            ok(api.createExperiment("{\"key\":\"au_page_" + i + "\",\"options\":[{\"value\":\"a\",\"weight\":1}],"
                    + "\"draft\":true}"), 201);
        }
        List<Object> whole = entries(Api.ADMIN_TOKEN, "?limit=1000").stream().map(entry -> entry.get("position")).toList();

        List<Object> paged = new ArrayList<>();
        Object next = 0;
        do {
            Map<String, Object> page = api.object(ok(api.admin("GET", AUDIT + "?limit=2&after=" + next, null), 200));
            List<Map<String, Object>> entries = entries(page);
            assertThat(entries).hasSizeBetween(1, 2);
            entries.forEach(entry -> paged.add(entry.get("position")));
            next = page.get("next");
        } while (next != null);

        assertThat(whole).hasSizeGreaterThanOrEqualTo(5);
        assertThat(paged).isEqualTo(whole);
    }

    @Test
    void bad_parameters_are_400_naming_them_and_an_unknown_experiment_is_404() {
        for (String[] fault : new String[][] {{"?limit=0", "limit"}, {"?limit=1001", "limit"}, {"?after=-1", "after"},
                {"?from=yesterday", "from"}, {"?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", "to"}}) {
            HttpResponse<String> refused = api.admin("GET", AUDIT + fault[0], null);
            assertProblem(refused, 400);
            assertThat(api.object(refused.body())).as(fault[0]).containsEntry("field", fault[1]);
        }
        assertProblem(api.admin("GET", AUDIT + "?experiment=au_never", null), 404);
    }

    private String token(String name, String role, String by) {
        String body = "{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}";
        return api.object(ok(as(by, "POST", TOKENS, body), 201)).get("token").toString();
    }

    private HttpResponse<String> as(String token, String method, String target, String body) {
        return api.exchange(method, target, body, "Authorization", "Bearer " + token, "Content-Type", "application/json");
    }

    private static String ok(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response.body();
    }

    private List<Map<String, Object>> entries(String token, String query) {
        return entries(api.object(ok(as(token, "GET", AUDIT + query, null), 200)));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("entries");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> member(Map<String, Object> entry, String name) {
        return (Map<String, Object>) entry.get(name);
    }

    /** What an entry says, in the terms of {@link Expected}; a member that is set but varies reads "(set)". */
    @SuppressWarnings("unchecked")
    private static Expected seen(Map<String, Object> entry) {
        Map<String, Object> actor = (Map<String, Object>) entry.get("actor");
        String member = switch (entry.get("action").toString()) {
            case "token.created" -> "name";
            case "token.revoked" -> "revokedAt";
            case "override.set" -> "value";
            case "override.removed" -> "deviceToken";
            case "experiment.updated" -> "endAction";
            default -> "status";
        };
        Map<String, Object> before = member(entry, "before");
        Map<String, Object> after = member(entry, "after");
        Object was = before == null ? null : before.get(member);
        Object is = after == null ? null : after.get(member);
        if (member.equals("revokedAt")) {
            is = is == null ? null : "(set)";
        }
        return new Expected(actor.get("name").toString(), actor.get("role").toString(), entry.get("action").toString(),
                (String) entry.get("experiment"), member, was, is);
    }
}
