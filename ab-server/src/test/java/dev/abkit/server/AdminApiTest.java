package dev.abkit.server;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin API over real HTTP: every status it answers, and what creating and stopping does to devices. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminApiTest extends SystemTest {

    static final String ONBOARDING = """
            {"key":"%s","options":[{"value":"short","weight":50},{"value":"long","weight":50}]}""";

    @Test
    void creating_answers_201_with_location_and_the_experiment() {
        HttpResponse<String> response = api.createExperiment(ONBOARDING.formatted("onboarding_created"));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/admin/experiments/onboarding_created");
        Map<String, Object> experiment = api.object(response.body());
        assertThat(experiment).containsEntry("key", "onboarding_created").containsEntry("status", "RUNNING");
        assertThat(experiment.get("createdAt").toString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
        assertThat(experiment.get("options")).isEqualTo(List.of(
                Map.of("value", "short", "weight", 50), Map.of("value", "long", "weight", 50)));

        HttpResponse<String> read = api.admin("GET", "/api/v1/admin/experiments/onboarding_created", null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(api.object(read.body())).isEqualTo(experiment);
    }

    @Test
    void listing_shows_every_experiment_in_creation_order_with_decimal_weights() {
        api.createExperiment(ONBOARDING.formatted("listed_last"));

        HttpResponse<String> response = api.admin("GET", Api.ADMIN, null);

        assertThat(response.statusCode()).isEqualTo(200);
        List<Map<String, Object>> all = api.list(response.body());
        assertThat(all.get(0)).containsEntry("key", "button_color").containsEntry("createdAt", "2026-01-01T00:00:00Z");
        assertThat(all.get(1)).containsEntry("key", "price");
        assertThat(all.get(all.size() - 1)).containsEntry("key", "listed_last");
        assertThat(response.body()).contains("{\"value\":\"#FF0000\",\"weight\":33.3}");
    }

    @Test
    void without_a_token_or_with_a_wrong_one_every_admin_call_is_401_with_a_bearer_challenge() {
        for (HttpResponse<String> response : List.of(
                api.get(Api.ADMIN),
                api.get(Api.ADMIN, "Authorization", "Bearer wrong-token"),
                api.get(Api.ADMIN, "Authorization", "Bearer " + Api.ADMIN_TOKEN + "x"),
                api.get(Api.ADMIN, "Authorization", "Basic " + basic("anyone", Api.ADMIN_TOKEN)),
                api.post(Api.ADMIN, ONBOARDING.formatted("never_created"), "Content-Type", "application/json"),
                api.post(Api.ADMIN + "/price/stop", ""),
                api.get(Api.ADMIN + "/no_such_experiment"))) {
            assertProblem(response, 401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    challenge -> assertThat(challenge).startsWith("Bearer"));
        }
        assertThat(api.admin("GET", Api.ADMIN + "/never_created", null).statusCode()).isEqualTo(404);
    }

    @Test
    void odd_spellings_of_an_admin_path_never_get_past_the_token_check() {
        for (String path : List.of("//api/v1/admin/experiments", "/api/v1//admin/experiments", "/api/v1/admin/experiments/",
                "/api/v1/admin/./experiments", "/api/v1/x/../admin/experiments", "/api/v1/admin/experiments?x=1",
                "/api/v1/admin/%65xperiments", "/API/v1/admin/experiments", "/api/v1/admin/experiments;x=1")) {
            String response = api.raw(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertThat(response).as(path).doesNotStartWith("HTTP/1.1 200").doesNotContain("button_color");
        }
    }

    @Test
    void paths_below_a_guarded_one_need_the_token_even_where_nothing_is_served() {
        for (String path : List.of("/api/v1/admin", "/api/v1/admin/", "/api/v1/admin/x/y", "/stats/", "/stats/x",
                "/api/v1/stats/x")) {
            assertProblem(api.get(path), 401);
        }
        assertThat(api.get("/statistics").statusCode()).as("a path that only starts like a guarded one").isEqualTo(404);
    }

    @Test
    void statistics_paths_need_the_token_and_accept_basic_with_it_as_password() {
        for (String path : List.of("/stats", "/api/v1/stats")) {
            HttpResponse<String> anonymous = api.get(path);
            assertProblem(anonymous, 401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    challenge -> assertThat(challenge).startsWith("Basic"));
            assertProblem(api.get(path, "Authorization", "Basic " + basic("analyst", "wrong")), 401);

            assertThat(api.get(path, "Authorization", "Basic " + basic("analyst", Api.ADMIN_TOKEN)).statusCode())
                    .isNotEqualTo(401);
            assertThat(api.get(path, "Authorization", "Bearer " + Api.ADMIN_TOKEN).statusCode()).isNotEqualTo(401);
        }
    }

    @Test
    void a_duplicate_key_is_409_also_for_a_shipped_experiment() {
        assertThat(api.createExperiment(ONBOARDING.formatted("twice")).statusCode()).isEqualTo(201);

        assertProblem(api.createExperiment(ONBOARDING.formatted("twice")), 409);
        assertProblem(api.createExperiment(ONBOARDING.formatted("price")), 409);
    }

    @Test
    void invalid_definitions_are_400_naming_the_field() {
        assertInvalid("""
                {"key":"Bad-Key","options":[{"value":"a","weight":1}]}""", "key");
        assertInvalid("""
                {"options":[{"value":"a","weight":1}]}""", "key");
        assertInvalid("""
                {"key":"no_options"}""", "options");
        assertInvalid("""
                {"key":"empty_options","options":[]}""", "options");
        assertInvalid("""
                {"key":"zero_weight","options":[{"value":"a","weight":1},{"value":"b","weight":0}]}""", "options[1].weight");
        assertInvalid("""
                {"key":"negative_weight","options":[{"value":"a","weight":-5}]}""", "options[0].weight");
        assertInvalid("""
                {"key":"three_decimals","options":[{"value":"a","weight":1.125}]}""", "options[0].weight");
        assertInvalid("""
                {"key":"no_weight","options":[{"value":"a"}]}""", "options[0].weight");
        assertInvalid("""
                {"key":"empty_value","options":[{"value":"","weight":1}]}""", "options[0].value");
        assertInvalid("""
                {"key":"long_value","options":[{"value":"%s","weight":1}]}""".formatted("v".repeat(101)), "options[0].value");
        assertInvalid("""
                {"key":"same_values","options":[{"value":"a","weight":1},{"value":"a","weight":2}]}""", "options");
        StringBuilder many = new StringBuilder("{\"key\":\"too_many\",\"options\":[");
        for (int i = 0; i < 21; i++) {
            many.append(i == 0 ? "" : ",").append("{\"value\":\"v").append(i).append("\",\"weight\":1}");
        }
        assertInvalid(many.append("]}").toString(), "options");
        assertThat(api.admin("GET", Api.ADMIN + "/zero_weight", null).statusCode()).isEqualTo(404);
    }

    @Test
    void a_weight_may_be_written_with_an_exponent_or_with_trailing_zeros() {
        HttpResponse<String> response = api.createExperiment("""
                {"key":"spelled_weights","options":[{"value":"a","weight":5e1},{"value":"b","weight":50.00}]}""");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(response.body()).contains("{\"value\":\"a\",\"weight\":50}", "{\"value\":\"b\",\"weight\":50}");
    }

    /** Numbers a fuzzer sent: each is 400 naming the weight, quickly, never a 500 or a server busy for minutes. */
    @ParameterizedTest
    @ValueSource(strings = {"1e2147483647", "1E+2147483647", "1e-2147483648", "1e-2147483647", "1e400", "-1e400", "1e-400",
            "1e99999999999", "123456789012345678901234567890", "0.001", "1.005", "10000.01", "\"NaN\"", "\"Infinity\"",
            "\"-Infinity\"", "\"1e2147483647\"", "\"\"", "\"50%\"", "null", "[]", "{}"})
    void weights_that_are_no_usable_number_are_400_naming_the_weight(String weight) {
        assertInvalid("""
                {"key":"odd_weight","options":[{"value":"a","weight":%s}]}""".formatted(weight), "options[0].weight");
    }

    @Test
    void a_validation_problem_says_what_is_wrong_with_which_field() {
        HttpResponse<String> response = api.createExperiment("""
                {"key":"zero","options":[{"value":"a","weight":1},{"value":"b","weight":0}]}""");

        Map<String, Object> problem = api.object(response.body());
        assertThat(problem.get("detail").toString()).startsWith("options[1].weight: weight must be greater than 0");
    }

    @Test
    void malformed_json_is_400_and_names_the_field_where_it_can() {
        assertProblem(api.createExperiment("{\"key\":"), 400);
        assertProblem(api.createExperiment("not json at all"), 400);
        HttpResponse<String> noBody = api.createExperiment("");
        assertProblem(noBody, 400);
        assertThat(api.object(noBody.body())).containsEntry("type", "urn:abkit:problem:malformed-body");
        assertProblem(api.createExperiment("[]"), 400);

        HttpResponse<String> wrongType = api.createExperiment("""
                {"key":"wrong_type","options":[{"value":"a","weight":"heavy"}]}""");
        assertProblem(wrongType, 400);
        assertThat(api.object(wrongType.body())).containsEntry("field", "options[0].weight");
        assertThat(api.object(wrongType.body()).get("detail").toString()).startsWith("options[0].weight: ");

        HttpResponse<String> notAList = api.createExperiment("""
                {"key":"not_a_list","options":"a,b"}""");
        assertProblem(notAList, 400);
        assertThat(api.object(notAList.body()).get("field").toString()).startsWith("options");
    }

    @Test
    void a_body_over_64_kib_is_413() {
        String padding = "x".repeat(70 * 1024);
        HttpResponse<String> response = api.createExperiment(
                "{\"key\":\"huge\",\"options\":[{\"value\":\"a\",\"weight\":1}],\"padding\":\"" + padding + "\"}");

        assertProblem(response, 413);
    }

    @Test
    void a_body_that_is_not_json_is_415() {
        HttpResponse<String> response = api.post(Api.ADMIN, "key=x", "Authorization", "Bearer " + Api.ADMIN_TOKEN,
                "Content-Type", "application/x-www-form-urlencoded");

        assertProblem(response, 415);
    }

    @Test
    void unknown_experiments_are_404_for_get_and_stop() {
        assertProblem(api.admin("GET", Api.ADMIN + "/no_such_key", null), 404);
        assertProblem(api.admin("POST", Api.ADMIN + "/no_such_key/stop", null), 404);
        assertProblem(api.admin("GET", Api.ADMIN + "/Not-A-Key", null), 404);
        assertProblem(api.admin("POST", Api.ADMIN + "/Not-A-Key/stop", null), 404);
    }

    @Test
    void stopping_removes_the_key_from_every_device_and_changes_nothing_else() throws InterruptedException {
        assertThat(api.createExperiment(ONBOARDING.formatted("to_stop")).statusCode()).isEqualTo(201);
        Map<String, String> before = api.experimentsOf("stopper-device-1");
        assertThat(before).containsKeys("button_color", "price", "to_stop");

        HttpResponse<String> stopped = api.admin("POST", Api.ADMIN + "/to_stop/stop", null);
        assertThat(stopped.statusCode()).isEqualTo(200);
        assertThat(api.object(stopped.body())).containsEntry("status", "STOPPED").containsEntry("key", "to_stop");

        Map<String, String> after = api.experimentsOf("stopper-device-1");
        assertThat(after).doesNotContainKey("to_stop");
        Map<String, String> expected = new java.util.LinkedHashMap<>(before);
        expected.remove("to_stop");
        assertThat(after).containsExactlyEntriesOf(expected);
        assertThat(api.experimentsOf("stopper-device-2")).doesNotContainKey("to_stop");

        HttpResponse<String> again = api.admin("POST", Api.ADMIN + "/to_stop/stop", null);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(api.object(again.body())).containsEntry("status", "STOPPED");
        assertThat(api.object(api.admin("GET", Api.ADMIN + "/to_stop", null).body())).containsEntry("status", "STOPPED");
    }

    @Test
    void a_device_seen_before_an_experiment_is_created_never_receives_it_and_a_new_device_does() {
        Map<String, String> early = api.experimentsOf("seen-before-creation");
        assertThat(early).doesNotContainKey("late_arrival");

        assertThat(api.createExperiment(ONBOARDING.formatted("late_arrival")).statusCode()).isEqualTo(201);

        for (int i = 0; i < 10; i++) {
            assertThat(api.experimentsOf("seen-before-creation")).isEqualTo(early);
        }
        Map<String, String> newcomer = api.experimentsOf("first-seen-after-creation");
        assertThat(newcomer).containsKey("late_arrival");
        assertThat(newcomer.get("late_arrival")).isIn("short", "long");
        assertThat(api.device("first-seen-after-creation").body())
                .startsWith("{\"button_color\":").endsWith(",\"late_arrival\":\"" + newcomer.get("late_arrival") + "\"}");
    }

    private void assertInvalid(String body, String field) {
        HttpResponse<String> response = api.createExperiment(body);
        assertProblem(response, 400);
        assertThat(api.object(response.body())).as(body).containsEntry("field", field);
        assertThat(api.object(response.body()).get("detail").toString()).startsWith(field + ": ");
    }

    private static String basic(String user, String password) {
        return java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
