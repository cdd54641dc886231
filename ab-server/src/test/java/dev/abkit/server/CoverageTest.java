package dev.abkit.server;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage (R7) end to end over HTTP on PostgreSQL: an experiment enrols exactly its share of the new
 * devices by permuted blocks, splits the enrolled exactly among its options, leaves the others out for
 * good, shows both counts in the statistics and the lookup, and takes a new share while running from
 * the next block boundary on without moving a device already decided.
 *
 * <p>Expected counts are derived here from the block rule (a share of c hundredths of a percent has
 * blocks of 10,000 / gcd(c, 10,000) slots, exact at every boundary), not read from the server. Only
 * the scenario test registers devices, so that no other test's devices land in its experiment.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoverageTest extends SystemTest {

    private static final String THREE_OPTIONS = """
            {"key":"%s","options":[{"value":"a","weight":1},{"value":"b","weight":1},{"value":"c","weight":1}]%s}""";
    private static final String DEVICES = "/api/v1/admin/devices/";

    @Test
    void a_share_is_exact_left_out_devices_stay_out_and_a_change_while_running_holds_from_the_next_block_boundary() {
        HttpResponse<String> created = api.createExperiment(THREE_OPTIONS.formatted("cv_share", ",\"coverage\":10"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).contains("\"coverage\":10,");

        // 300 new devices at 10 %, 16 at a time as a crowd of app starts would ask.
        List<String> first = tokens("cv-first-", 300);
        Map<String, Map<String, String>> firstAnswers = api.experimentsOfEach(first, 16);
        long enrolledAtTen = enrolledAt(1000, first.size());
        Map<String, Integer> split = splitOf(firstAnswers, "cv_share");
        assertThat(enrolledAtTen % 3).as("a whole number of option blocks, so the split is exact too").isZero();
        assertThat(split).containsExactly(Map.entry("a", (int) enrolledAtTen / 3), Map.entry("b", (int) enrolledAtTen / 3),
                Map.entry("c", (int) enrolledAtTen / 3));
        assertThat(firstAnswers.values()).allSatisfy(answer -> assertThat(answer).containsKeys("button_color", "price"));
        Map<String, Object> statistics = statistics("cv_share");
        assertThat(statistics).containsEntry("devices", (int) enrolledAtTen)
                .containsEntry("leftOut", (int) (first.size() - enrolledAtTen)).containsEntry("coverage", 10);

        // The lookup shows who was left out: a slot, no value.
        String enrolled = first.stream().filter(token -> firstAnswers.get(token).containsKey("cv_share")).findFirst()
                .orElseThrow();
        String leftOut = first.stream().filter(token -> !firstAnswers.get(token).containsKey("cv_share")).findFirst()
                .orElseThrow();
        assertThat(assignmentIn("cv_share", enrolled)).containsEntry("leftOut", false).containsEntry("override", false)
                .containsEntry("value", firstAnswers.get(enrolled).get("cv_share"));
        Map<String, Object> leftOutEntry = assignmentIn("cv_share", leftOut);
        assertThat(leftOutEntry).containsEntry("leftOut", true).containsEntry("value", null)
                .containsEntry("override", false).containsEntry("status", "RUNNING");
        assertThat(leftOutEntry.get("slot")).isNotNull();
        assertThat(assignmentIn("button_color", leftOut)).containsEntry("leftOut", false);

        // Five more, so the change comes in the middle of a 10 % block; then 50 %.
        List<String> beforeChange = tokens("cv-mid-", 5);
        Map<String, Map<String, String>> midAnswers = api.experimentsOfEach(beforeChange, 1);
        long handedOut = first.size() + beforeChange.size();
        HttpResponse<String> changed = api.admin("PATCH", Api.ADMIN + "/cv_share", "{\"coverage\":50}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(changed.body()).contains("\"coverage\":50,").contains("\"status\":\"RUNNING\"");
        assertThat(api.admin("GET", Api.ADMIN + "/cv_share", null).body()).contains("\"coverage\":50,");

        long boundary = nextBoundary(handedOut, blockSize(1000));
        List<String> after = tokens("cv-after-", (int) (boundary - handedOut) + 196);
        Map<String, Map<String, String>> afterAnswers = api.experimentsOfEach(after, 16);
        long slots = handedOut + after.size();
        assertThat((slots - boundary) % blockSize(5000)).as("the test ends on a boundary of the 50 percent blocks").isZero();
        long expectedEnrolled = enrolledAt(1000, boundary) + enrolledAt(5000, slots - boundary);

        Map<String, Object> changedStatistics = statistics("cv_share");
        assertThat(changedStatistics).containsEntry("devices", (int) expectedEnrolled)
                .containsEntry("leftOut", (int) (slots - expectedEnrolled)).containsEntry("coverage", 50);
        Map<String, Integer> all = new TreeMap<>(splitOf(firstAnswers, "cv_share"));
        splitOf(midAnswers, "cv_share").forEach((value, count) -> all.merge(value, count, Integer::sum));
        splitOf(afterAnswers, "cv_share").forEach((value, count) -> all.merge(value, count, Integer::sum));
        assertThat(expectedEnrolled % 3).as("a whole number of option blocks among the enrolled").isZero();
        assertThat(all).containsExactly(Map.entry("a", (int) expectedEnrolled / 3),
                Map.entry("b", (int) expectedEnrolled / 3), Map.entry("c", (int) expectedEnrolled / 3));
        assertThat(optionCounts(changedStatistics)).isEqualTo(all);

        // No device decided before moves, whatever it was: enrolled ones keep their value, left-out ones stay out.
        List<String> decidedBefore = new ArrayList<>(first);
        decidedBefore.addAll(beforeChange);
        Map<String, Map<String, String>> again = api.experimentsOfEach(decidedBefore, 16);
        for (String token : first) {
            assertThat(again.get(token)).as(token).isEqualTo(firstAnswers.get(token));
        }
        for (String token : beforeChange) {
            assertThat(again.get(token)).as(token).isEqualTo(midAnswers.get(token));
        }
        assertThat(api.experimentsOf(leftOut)).doesNotContainKey("cv_share");
        assertThat(statistics("cv_share")).containsEntry("devices", (int) expectedEnrolled);
        Scrape metrics = Scrape.of(api.get("/metrics", "Authorization", "Bearer " + Api.ADMIN_TOKEN).body());
        assertThat(metrics.sum("abkit_left_out_total", "experiment=\"cv_share\"")).isEqualTo(slots - expectedEnrolled);
        assertThat(metrics.sum("abkit_enrolments_total", "experiment=\"cv_share\"")).isEqualTo(expectedEnrolled);
    }

    @Test
    void coverage_defaults_to_100_shows_as_few_decimals_as_it_needs_and_changes_freely_before_the_start() {
        assertThat(api.createExperiment(THREE_OPTIONS.formatted("cv_default", "")).body()).contains("\"coverage\":100,");
        assertThat(api.createExperiment(THREE_OPTIONS.formatted("cv_null", ",\"coverage\":null")).body())
                .contains("\"coverage\":100,");
        assertThat(api.createExperiment(THREE_OPTIONS.formatted("cv_thirds", ",\"coverage\":33.330")).body())
                .contains("\"coverage\":33.33,");
        assertThat(api.createExperiment(THREE_OPTIONS.formatted("cv_exponent", ",\"coverage\":1e1")).body())
                .contains("\"coverage\":10,");
        api.createExperiment(THREE_OPTIONS.formatted("cv_draft", ",\"draft\":true,\"coverage\":25"));
        api.createExperiment(THREE_OPTIONS.formatted("cv_scheduled", ",\"startAt\":\"2099-01-01T00:00:00Z\""));

        HttpResponse<String> draft = api.admin("PATCH", Api.ADMIN + "/cv_draft", "{\"coverage\":12.5}");
        HttpResponse<String> scheduled = api.admin("PATCH", Api.ADMIN + "/cv_scheduled", "{\"coverage\":0.01}");

        assertThat(draft.statusCode()).as(draft.body()).isEqualTo(200);
        assertThat(draft.body()).contains("\"coverage\":12.5,").contains("\"status\":\"DRAFT\"");
        assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(200);
        assertThat(scheduled.body()).contains("\"coverage\":0.01,").contains("\"status\":\"SCHEDULED\"");
        assertThat(api.admin("GET", Api.ADMIN + "/cv_draft", null).body()).contains("\"coverage\":12.5,");
        assertThat(statistics("cv_draft")).containsEntry("devices", 0).containsEntry("leftOut", 0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            0         | invalid-input  | coverage must be between 0.01 and 100 percent
            -10       | invalid-input  | coverage must be between 0.01 and 100 percent
            0.001     | invalid-input  | coverage must be between 0.01 and 100 percent
            100.001   | invalid-input  | coverage must be between 0.01 and 100 percent
            150       | invalid-input  | coverage must be between 0.01 and 100 percent
            1e400     | invalid-input  | coverage must be between 0.01 and 100 percent
            1.234     | invalid-input  | coverage must have at most two decimal places
            "10"      | malformed-body | has the wrong type
            true      | malformed-body | has the wrong type
            [10]      | malformed-body | has the wrong type
            """)
    void a_bad_coverage_is_a_400_naming_it_on_create_and_on_edit(String coverage, String type, String detail) {
        HttpResponse<String> create = api.createExperiment(THREE_OPTIONS.formatted("cv_bad", ",\"coverage\":" + coverage));
        api.createExperiment(THREE_OPTIONS.formatted("cv_edited", ",\"coverage\":20"));
        HttpResponse<String> edit = api.admin("PATCH", Api.ADMIN + "/cv_edited", "{\"coverage\":" + coverage + "}");

        for (HttpResponse<String> response : List.of(create, edit)) {
            assertProblem(response, 400);
            assertThat(api.object(response.body())).containsEntry("field", "coverage")
                    .containsEntry("type", "urn:abkit:problem:" + type);
            assertThat((String) api.object(response.body()).get("detail")).startsWith("coverage: " + detail);
        }
        assertThat(api.admin("GET", Api.ADMIN + "/cv_bad", null).statusCode()).isEqualTo(404);
        assertThat(api.admin("GET", Api.ADMIN + "/cv_edited", null).body()).contains("\"coverage\":20,");
    }

    @Test
    void null_on_edit_is_a_400_rather_than_every_device_from_then_on() {
        api.createExperiment(THREE_OPTIONS.formatted("cv_no_null", ",\"coverage\":20"));

        HttpResponse<String> response = api.admin("PATCH", Api.ADMIN + "/cv_no_null", "{\"coverage\":null}");

        assertProblem(response, 400);
        assertThat(api.object(response.body())).containsEntry("field", "coverage")
                .containsEntry("type", "urn:abkit:problem:invalid-input");
        assertThat((String) api.object(response.body()).get("detail")).contains("100");
        assertThat(api.admin("GET", Api.ADMIN + "/cv_no_null", null).body()).contains("\"coverage\":20,");
    }

    @Test
    void a_closed_or_stopped_experiment_refuses_a_new_coverage_with_409_naming_its_status() {
        api.createExperiment(THREE_OPTIONS.formatted("cv_closed", ",\"coverage\":20"));
        api.admin("POST", Api.ADMIN + "/cv_closed/close", null);

        HttpResponse<String> closed = api.admin("PATCH", Api.ADMIN + "/cv_closed", "{\"coverage\":30}");
        api.admin("POST", Api.ADMIN + "/cv_closed/stop", null);
        HttpResponse<String> stopped = api.admin("PATCH", Api.ADMIN + "/cv_closed", "{\"coverage\":30}");

        assertProblem(closed, 409);
        assertThat(api.object(closed.body())).containsEntry("type", "urn:abkit:problem:illegal-transition")
                .containsEntry("currentStatus", "CLOSED");
        assertProblem(stopped, 409);
        assertThat(api.object(stopped.body())).containsEntry("currentStatus", "STOPPED");
        assertThat(api.admin("GET", Api.ADMIN + "/cv_closed", null).body()).contains("\"coverage\":20,");
    }

    /** Blocks of a share of {@code hundredths} (of a percent): 10,000 / gcd(hundredths, 10,000) slots. */
    private static long blockSize(int hundredths) {
        return 10_000 / BigInteger.valueOf(hundredths).gcd(BigInteger.valueOf(10_000)).longValueExact();
    }

    /** How many of {@code slots} slots a share enrols, when {@code slots} is a whole number of its blocks. */
    private static long enrolledAt(int hundredths, long slots) {
        assertThat(slots % blockSize(hundredths)).as(slots + " slots are whole blocks of " + hundredths).isZero();
        return BigDecimal.valueOf(slots).multiply(BigDecimal.valueOf(hundredths))
                .divide(BigDecimal.valueOf(10_000)).longValueExact();
    }

    /** The first block boundary at or after {@code slot}. */
    private static long nextBoundary(long slot, long blockSize) {
        return (slot + blockSize - 1) / blockSize * blockSize;
    }

    private static List<String> tokens(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
    }

    private static Map<String, Integer> splitOf(Map<String, Map<String, String>> answers, String experiment) {
        Map<String, Integer> split = new TreeMap<>();
        answers.values().forEach(answer -> {
            if (answer.containsKey(experiment)) {
                split.merge(answer.get(experiment), 1, Integer::sum);
            }
        });
        return split;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Integer> optionCounts(Map<String, Object> statistics) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Map<String, Object> option : (List<Map<String, Object>>) statistics.get("options")) {
            counts.put((String) option.get("value"), ((Number) option.get("devices")).intValue());
        }
        return counts;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> assignmentIn(String experiment, String token) {
        HttpResponse<String> device = api.admin("GET", DEVICES + token, null);
        assertThat(device.statusCode()).as(device.body()).isEqualTo(200);
        return ((List<Map<String, Object>>) api.object(device.body()).get("assignments")).stream()
                .filter(assignment -> experiment.equals(assignment.get("experiment"))).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> statistics(String key) {
        List<Map<String, Object>> experiments = (List<Map<String, Object>>) api.object(
                api.admin("GET", "/api/v1/stats", null).body()).get("experiments");
        return experiments.stream().filter(experiment -> key.equals(experiment.get("key"))).findFirst().orElseThrow();
    }
}
