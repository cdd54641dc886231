package dev.abkit.server;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin API reads its JSON strictly: what the decoder would coerce, merge or skip is a 400 naming the field. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StrictJsonTest extends SystemTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"key":false,"options":[{"value":"a","weight":1}]}                    | key
            {"key":7,"options":[{"value":"a","weight":1}]}                        | key
            {"key":"lenient_value","options":[{"value":7,"weight":1}]}            | options[0].value
            {"key":"lenient_value","options":[{"value":true,"weight":1}]}         | options[0].value
            {"key":"lenient_weight","options":[{"value":"a","weight":"50"}]}      | options[0].weight
            {"key":"lenient_weight","options":[{"value":"a","weight":true}]}      | options[0].weight
            {"key":"lenient_weight","options":[{"value":"a","weight":1},{"value":"b","weight":"NaN"}]} | options[1].weight
            {"key":"duplicate_key","key":"other","options":[{"value":"a","weight":1}]} | key
            {"key":"duplicate_weight","options":[{"value":"a","weight":1,"weight":2}]} | options[0].weight
            {"key":"duplicate_coverage","options":[{"value":"a","weight":1}],"coverage":10,"coverage":20} | coverage
            {"key":"lenient_coverage","options":[{"value":"a","weight":1}],"coverage":"10"} | coverage
            {"key":"unknown_top","options":[{"value":"a","weight":1}],"colour":"red"} | colour
            {"key":"unknown_option","options":[{"value":"a","weight":1,"wieght":2}]} | options[0].wieght
            """)
    void a_property_of_the_wrong_type_repeated_or_unknown_is_400_naming_it(String body, String field) {
        HttpResponse<String> response = api.createExperiment(body);

        assertProblem(response, 400);
        assertThat(api.object(response.body())).as(response.body()).containsEntry("field", field);
        assertThat(api.object(response.body()).get("detail").toString()).startsWith(field + ": ");
        assertThat(api.admin("GET", Api.ADMIN, null).body()).doesNotContain("lenient_", "duplicate_", "unknown_");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"key":"lenient_draft","options":[{"value":"a","weight":1}],"draft":"true"}   | draft
            {"key":"lenient_draft","options":[{"value":"a","weight":1}],"draft":1}        | draft
            {"key":"lenient_start","options":[{"value":"a","weight":1}],"startAt":20991231} | startAt
            """)
    void a_lifecycle_member_of_the_wrong_type_on_create_is_400_naming_it(String body, String field) {
        HttpResponse<String> response = api.createExperiment(body);

        assertProblem(response, 400);
        assertThat(api.object(response.body())).as(response.body()).containsEntry("field", field)
                .containsEntry("type", "urn:abkit:problem:malformed-body");
        assertThat(api.admin("GET", Api.ADMIN, null).body()).doesNotContain("lenient_");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"key":"renamed"}                                    | key
            {"endAt":20991231}                                   | endAt
            {"endAction":true}                                   | endAction
            {"options":{"value":"a","weight":1}}                 | options
            {"options":[{"value":"a","weight":"1"}]}             | options[0].weight
            {"options":[{"value":"a","weight":1,"wieght":1}]}    | options[0].wieght
            {"endAt":"2099-01-01T00:00:00Z","endAt":null}        | endAt
            {"audience":"ios"}                                   | audience
            {"audience":{"platform":["ios"]}}                    | audience.platform
            {"audience":{"platforms":[7]}}                       | audience.platforms[0]
            {"audience":{"includeUnknown":1}}                    | audience.includeUnknown
            {"audience":{"locales":["ru"],"locales":["en"]}}     | audience.locales
            {"coverage":"50"}                                    | coverage
            {"coverage":50,"coverage":10}                        | coverage
            """)
    void an_edit_reads_its_body_as_strictly_as_a_create(String body, String field) {
        api.createExperiment(LifecycleTest.DRAFT.formatted("strict_patch"));

        HttpResponse<String> response = api.admin("PATCH", Api.ADMIN + "/strict_patch", body);

        assertProblem(response, 400);
        assertThat(api.object(response.body())).as(response.body()).containsEntry("field", field)
                .containsEntry("type", "urn:abkit:problem:malformed-body");
        Map<String, Object> unchanged = api.object(api.admin("GET", Api.ADMIN + "/strict_patch", null).body());
        assertThat(unchanged).containsEntry("endAt", null).containsEntry("endAction", "STOP");
        assertThat(api.admin("PATCH", Api.ADMIN + "/strict_patch", "{} x").statusCode()).isEqualTo(400);
    }

    @Test
    void a_schedule_with_an_unknown_member_or_trailing_content_is_400() {
        api.createExperiment(LifecycleTest.DRAFT.formatted("strict_schedule"));

        HttpResponse<String> unknown = api.admin("POST", Api.ADMIN + "/strict_schedule/schedule",
                "{\"startAt\":\"2099-01-01T00:00:00Z\",\"stopAt\":\"2099-02-01T00:00:00Z\"}");
        HttpResponse<String> trailing = api.admin("POST", Api.ADMIN + "/strict_schedule/schedule",
                "{\"startAt\":\"2099-01-01T00:00:00Z\"} {}");

        assertProblem(unknown, 400);
        assertThat(api.object(unknown.body())).containsEntry("field", "stopAt");
        assertProblem(trailing, 400);
        assertThat(api.object(api.admin("GET", Api.ADMIN + "/strict_schedule", null).body()))
                .containsEntry("status", "DRAFT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"xyz", "{}", "{\"key\":\"other\"}", "[]", "7", "}", ",", "\"\""})
    void content_after_the_json_object_is_400(String trailing) {
        HttpResponse<String> response = api.createExperiment("""
                {"key":"trailing","options":[{"value":"a","weight":1}]} %s""".formatted(trailing));

        assertProblem(response, 400);
        assertThat(api.object(response.body()).get("detail").toString())
                .startsWith("the request body goes on after its JSON object");
        assertThat(api.admin("GET", Api.ADMIN + "/trailing", null).statusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n", "\r\n\t "})
    void white_space_after_the_json_object_is_fine(String trailing) {
        String key = "white_space_" + trailing.replace(" ", "s").replace("\n", "n").replace("\r", "r").replace("\t", "t");
        HttpResponse<String> response = api.createExperiment("""
                {"key":"%s","options":[{"value":"a","weight":1}]}""".formatted(key) + trailing);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }
}
