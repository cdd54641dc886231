package dev.abkit.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Option values outside the Basic Multilingual Plane, from the admin API through the database to the
 * mobile API and the statistics: the core counts a value's length in code points, and the database
 * must hold every value the core accepts, although H2 counts UTF-16 units where PostgreSQL counts
 * characters. Subclasses run it on each database. The admin and statistics JSON write such
 * characters as JSON escapes of their two UTF-16 units; the values are compared decoded.
 */
abstract class OptionValuesTest extends SystemTest {

    /** 100 characters, each beyond U+FFFF: 200 UTF-16 units, 400 bytes of UTF-8. */
    static final String HUNDRED_ASTRAL = "😀🚀𝄞𠀀".repeat(25);

    @Test
    void a_value_of_100_astral_characters_is_stored_and_served_back_unchanged() {
        assertThat(HUNDRED_ASTRAL.codePointCount(0, HUNDRED_ASTRAL.length())).isEqualTo(100);

        HttpResponse<String> created = api.createExperiment("""
                {"key":"astral","options":[{"value":"%s","weight":1}]}""".formatted(HUNDRED_ASTRAL));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(optionValues(api.object(created.body()))).containsExactly(HUNDRED_ASTRAL);

        HttpResponse<String> read = api.admin("GET", Api.ADMIN + "/astral", null);
        assertThat(optionValues(api.object(read.body()))).containsExactly(HUNDRED_ASTRAL);

        HttpResponse<String> device = api.device("astral-device");
        assertThat(device.statusCode()).as(device.body()).isEqualTo(200);
        assertThat(device.body()).as("the mobile API writes the value as UTF-8 text, unescaped")
                .contains("\"astral\":\"" + HUNDRED_ASTRAL + "\"");
        assertThat(api.flat(device.body())).containsEntry("astral", HUNDRED_ASTRAL);
        assertThat(api.experimentsOf("astral-device")).as("a returning device").containsEntry("astral", HUNDRED_ASTRAL);

        HttpResponse<String> stats = api.get("/api/v1/stats", "Authorization", "Bearer " + Api.ADMIN_TOKEN);
        assertThat(stats.statusCode()).as(stats.body()).isEqualTo(200);
        Map<String, Object> figures = experiment(api.object(stats.body()), "astral");
        assertThat(optionValues(figures)).containsExactly(HUNDRED_ASTRAL);
        assertThat(figures.get("devices")).isEqualTo(1);
    }

    @Test
    void a_value_of_101_characters_is_400_even_when_they_are_astral() {
        assertInvalidValue("\"" + HUNDRED_ASTRAL + "😀\"");
    }

    /** JSON escapes that decode to strings no database or UTF-8 text can hold, or to non-characters. */
    @ParameterizedTest
    @ValueSource(strings = {"\"\\ud800\"", "\"\\udc00\"", "\"a\\ud83d\"", "\"\\ude00\\ud83d\"", "\"\\ud83d\\ud83d\"",
            "\"\\uffff\"", "\"\\ufdd0\"", "\"\\ud83f\\udffe\"", "\"\\u0000\""})
    void unpaired_surrogates_and_non_characters_are_400_naming_the_value(String jsonString) {
        assertInvalidValue(jsonString);
    }

    private void assertInvalidValue(String jsonString) {
        HttpResponse<String> response = api.createExperiment("""
                {"key":"invalid_value","options":[{"value":%s,"weight":1}]}""".formatted(jsonString));

        assertProblem(response, 400);
        assertThat(api.object(response.body())).as(jsonString).containsEntry("field", "options[0].value");
        assertThat(api.admin("GET", Api.ADMIN + "/invalid_value", null).statusCode()).isEqualTo(404);
    }

    @SuppressWarnings("unchecked")
    private static List<String> optionValues(Map<String, Object> experiment) {
        return ((List<Map<String, Object>>) experiment.get("options")).stream()
                .map(option -> (String) option.get("value")).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> experiment(Map<String, Object> stats, String key) {
        return ((List<Map<String, Object>>) stats.get("experiments")).stream()
                .filter(experiment -> key.equals(experiment.get("key"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + " in " + stats));
    }
}
