package dev.abkit.server;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Audiences (R8) end to end over HTTP on PostgreSQL: an experiment limited by platform enrols only
 * the devices whose first request matches, splits exactly among them (R3), never changes its mind
 * for a device (R2), and takes a new audience only while it is a draft.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AudienceTest extends SystemTest {

    private static final String IOS_ONLY = """
            {"key":"%s","options":[{"value":"a","weight":1},{"value":"b","weight":1},{"value":"c","weight":1}],\
            "audience":{"platforms":["ios"],"minAppVersion":"2.3.0","maxAppVersion":"3.0.0","locales":["ru"],\
            "countries":["RU","UA"],"includeUnknown":false}%s}""";
    private static final String[] IOS_RU = {"Platform", "iOS", "App-Version", "2.5.1", "Locale", "ru-RU"};

    @Test
    void only_matching_devices_join_and_they_split_exactly_while_others_take_no_slot() {
        HttpResponse<String> created = api.createExperiment(IOS_ONLY.formatted("au_ios", ""));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Map<String, Object> audience = Map.of("platforms", List.of("ios"), "minAppVersion", "2.3.0",
                "maxAppVersion", "3.0.0", "locales", List.of("ru"), "countries", List.of("RU", "UA"),
                "includeUnknown", false);
        assertThat(api.object(created.body())).containsEntry("audience", audience);

        Map<String, Integer> split = new TreeMap<>();
        for (int i = 0; i < 45; i++) {
            String token = "au-device-" + i;
            Map<String, String> answer = switch (i % 3) {
                case 0 -> ask(token, "Platform", "android", "App-Version", "2.5.1", "Locale", "ru-RU");
                case 1 -> ask(token, "Platform", "ios", "App-Version", "3.0.0", "Locale", "ru-RU");
                default -> ask(token, IOS_RU);
            };
            assertThat(answer).containsKeys("button_color", "price");
            if (i % 3 == 2) {
                split.merge(answer.get("au_ios"), 1, Integer::sum);
            } else {
                assertThat(answer).as(token).doesNotContainKey("au_ios");
            }
        }
        Map<String, String> silent = ask("au-silent");
        for (int i = 0; i < 15; i++) {
            String token = "au-late-" + i;
            split.merge(ask(token, IOS_RU).get("au_ios"), 1, Integer::sum);
        }

        assertThat(silent).as("no headers: unknown, and unknown is not included").doesNotContainKey("au_ios");
        assertThat(split).containsExactly(Map.entry("a", 10), Map.entry("b", 10), Map.entry("c", 10));
        assertThat(statistics("au_ios")).containsEntry("devices", 30).containsEntry("audience", audience);
        assertThat(api.get("/stats", "Authorization", "Bearer " + Api.ADMIN_TOKEN).body())
                .contains("ios · app 2.3.0 to below 3.0.0 · locales ru · countries RU, UA · unknown excluded");
    }

    @Test
    void eligibility_is_decided_at_the_first_request_and_the_lookup_shows_no_assignment_for_a_device_left_out() {
        api.createExperiment(IOS_ONLY.formatted("au_once", ""));
        Map<String, String> androidFirst = ask("au-android-first", "Platform", "android");
        Map<String, String> iosFirst = ask("au-ios-first", IOS_RU);

        assertThat(ask("au-android-first", IOS_RU)).isEqualTo(androidFirst).doesNotContainKey("au_once");
        assertThat(ask("au-ios-first", "Platform", "android")).isEqualTo(iosFirst).containsKey("au_once");
        assertThat(assignedExperiments("au-android-first")).doesNotContain("au_once");
        assertThat(assignedExperiments("au-ios-first")).contains("au_once");
    }

    @Test
    void a_draft_takes_a_new_audience_and_a_running_experiment_refuses_one_with_409() {
        api.createExperiment(IOS_ONLY.formatted("au_draft", ",\"draft\":true"));

        HttpResponse<String> edited = api.admin("PATCH", Api.ADMIN + "/au_draft",
                "{\"audience\":{\"platforms\":[\"android\"],\"includeUnknown\":true}}");

        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        Map<String, Object> android = new TreeMap<>(Map.of("platforms", List.of("android"), "includeUnknown", true));
        android.put("minAppVersion", null);
        android.put("maxAppVersion", null);
        android.put("locales", null);
        android.put("countries", null);
        assertThat(api.object(edited.body())).containsEntry("audience", android).containsEntry("status", "DRAFT");
        api.admin("POST", Api.ADMIN + "/au_draft/start", null);
        assertThat(ask("au-draft-ios", IOS_RU)).doesNotContainKey("au_draft");
        assertThat(ask("au-draft-silent")).containsKey("au_draft");

        HttpResponse<String> refused = api.admin("PATCH", Api.ADMIN + "/au_draft", "{\"audience\":null}");
        assertProblem(refused, 409);
        assertThat(api.object(refused.body())).containsEntry("type", "urn:abkit:problem:illegal-transition")
                .containsEntry("currentStatus", "RUNNING");
        assertThat(api.object(api.admin("GET", Api.ADMIN + "/au_draft", null).body())).containsEntry("audience", android);
        api.createExperiment(IOS_ONLY.formatted("au_opened", ",\"draft\":true"));
        assertThat(api.object(api.admin("PATCH", Api.ADMIN + "/au_opened", "{\"audience\":null}").body()))
                .containsEntry("audience", null);
    }

    @Test
    void an_audience_is_read_strictly_and_a_bad_member_is_a_400_naming_it() {
        assertBadMember("{\"platform\":[\"ios\"]}", "audience.platform", "malformed-body");
        assertBadMember("{\"platforms\":[]}", "audience.platforms", "invalid-input");
        assertBadMember("{\"platforms\":[\"ipados\"]}", "audience.platforms[0]", "invalid-input");
        assertBadMember("{\"platforms\":\"ios\"}", "audience.platforms", "malformed-body");
        assertBadMember("{\"minAppVersion\":\"2.3\"}", "audience.minAppVersion", "invalid-input");
        assertBadMember("{\"minAppVersion\":\"3.0.0\",\"maxAppVersion\":\"2.0.0\"}", "audience.maxAppVersion",
                "invalid-input");
        assertBadMember("{\"locales\":[\"en_US\"]}", "audience.locales[0]", "invalid-input");
        assertBadMember("{\"countries\":[\"RUS\"]}", "audience.countries[0]", "invalid-input");
        assertBadMember("{\"includeUnknown\":\"yes\"}", "audience.includeUnknown", "malformed-body");
        assertBadMember("[\"ios\"]", "audience", "malformed-body");
        assertThat(api.admin("GET", Api.ADMIN + "/au_bad", null).statusCode()).isEqualTo(404);
    }

    private void assertBadMember(String audience, String field, String type) {
        HttpResponse<String> response = api.createExperiment("""
                {"key":"au_bad","options":[{"value":"a","weight":1}],"audience":%s}""".formatted(audience));
        assertProblem(response, 400);
        assertThat(api.object(response.body())).as(audience).containsEntry("field", field)
                .containsEntry("type", "urn:abkit:problem:" + type);
    }

    private Map<String, String> ask(String token, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Device-Token";
        all[1] = token;
        System.arraycopy(headers, 0, all, 2, headers.length);
        HttpResponse<String> response = api.get(Api.EXPERIMENTS, all);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return api.flat(response.body());
    }

    @SuppressWarnings("unchecked")
    private List<Object> assignedExperiments(String token) {
        HttpResponse<String> device = api.admin("GET", "/api/v1/admin/devices/" + token, null);
        assertThat(device.statusCode()).as(device.body()).isEqualTo(200);
        return ((List<Map<String, Object>>) api.object(device.body()).get("assignments")).stream()
                .map(assignment -> assignment.get("experiment")).toList();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> statistics(String key) {
        List<Map<String, Object>> experiments = (List<Map<String, Object>>) api.object(
                api.admin("GET", "/api/v1/stats", null).body()).get("experiments");
        return experiments.stream().filter(experiment -> key.equals(experiment.get("key"))).findFirst().orElseThrow();
    }
}
