package dev.abkit.server;

import dev.abkit.http.json.StrictJsonReader;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Events, exposures and results over real HTTP on PostgreSQL (issue 14): what is accepted is stored once
 * whatever the retries, what is refused names its field and stores nothing, only what follows a device's
 * assignment (or exposure) counts, and the results answer has the issue's shape. Each test uses devices
 * and an experiment of its own, so that the counts it asserts are its own.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventsApiTest extends SystemTest {

    private static final String EVENTS = "/api/v1/events";
    private static final String EXPOSURES = "/api/v1/exposures";

    /** Each device's option in each experiment created by a test, as the mobile endpoint answered. */
    private final Map<String, Map<String, String>> answers = new LinkedHashMap<>();

    /**
     * A new experiment of options a and b, 1:1, which only the devices registered from now on join: those of
     * the test that creates it (the tests of a class run one at a time).
     */
    private void experiment(String key) {
        HttpResponse<String> created = api.createExperiment("{\"key\":\"" + key
                + "\",\"options\":[{\"value\":\"a\",\"weight\":1},{\"value\":\"b\",\"weight\":1}]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    private String device(String token) {
        answers.put(token, api.experimentsOf(token));
        return token;
    }

    private HttpResponse<String> events(String device, String body, String... headers) {
        List<String> all = new ArrayList<>(List.of("Device-Token", device, "Content-Type", "application/json"));
        all.addAll(List.of(headers));
        return api.post(EVENTS, body, all.toArray(String[]::new));
    }

    private HttpResponse<String> exposures(String device, String body) {
        return api.post(EXPOSURES, body, "Device-Token", device, "Content-Type", "application/json");
    }

    private Map<String, Object> results(String key, String query) {
        HttpResponse<String> response = api.admin("GET", Api.ADMIN + "/" + key + "/results?" + query, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return api.object(response.body());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> row(Map<String, Object> results, String value) {
        return ((List<Map<String, Object>>) results.get("options")).stream()
                .filter(option -> option.get("value").equals(value)).findFirst().orElseThrow();
    }

    private static long number(Map<String, Object> row, String member) {
        return ((Number) row.get(member)).longValue();
    }

    @Test
    void a_batch_sent_again_stores_nothing_twice_and_each_converting_device_counts_once() {
        experiment("ev_retry");
        String first = device("ev-retry-1");
        String second = device("ev-retry-2");
        String batch = """
                {"events":[{"id":"r-1","name":"purchase","value":5},{"id":"r-2","name":"purchase","value":7},
                           {"id":"r-1","name":"purchase","value":5}]}""";

        HttpResponse<String> sent = events(first, batch);
        HttpResponse<String> again = events(first, batch);
        HttpResponse<String> other = events(second, "{\"id\":\"r-1\",\"name\":\"purchase\",\"value\":1}");

        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        assertThat(api.object(sent.body())).isEqualTo(Map.of("accepted", 2, "duplicates", 1));
        assertThat(api.object(again.body())).as("a retry").isEqualTo(Map.of("accepted", 0, "duplicates", 3));
        assertThat(api.object(other.body())).as("ids are per device").isEqualTo(Map.of("accepted", 1, "duplicates", 0));
        String firstOption = answers.get(first).get("ev_retry");
        String secondOption = answers.get(second).get("ev_retry");
        Eventually.within(Duration.ofSeconds(1), "results show the events", () -> {
            Map<String, Object> results = results("ev_retry", "metric=purchase");
            long conversions = number(row(results, "a"), "conversions") + number(row(results, "b"), "conversions");
            return conversions == 2;
        });
        Map<String, Object> results = results("ev_retry", "metric=purchase");
        assertThat(firstOption).as("two devices fill one block of two").isNotEqualTo(secondOption);
        assertThat(row(results, firstOption)).as("12 once, not 17 or 24").containsEntry("devices", 1)
                .containsEntry("conversions", 1).containsEntry("mean", 12.0);
        assertThat(row(results, secondOption)).containsEntry("devices", 1).containsEntry("conversions", 1)
                .containsEntry("mean", 1.0);
    }

    @Test
    void the_results_have_every_member_of_the_issue_with_nulls_where_a_figure_does_not_apply() {
        experiment("ev_shape");
        List<String> devices = List.of(device("ev-shape-1"), device("ev-shape-2"), device("ev-shape-3"), device("ev-shape-4"));
        List<String> converted = new ArrayList<>();
        for (String device : devices) {
            String option = answers.get(device).get("ev_shape");
            if (!converted.contains(option)) {
                converted.add(option);
                assertThat(events(device, "{\"id\":\"s-1\",\"name\":\"signup\"}").statusCode()).isEqualTo(202);
            }
        }
        assertThat(converted).as("4 devices into blocks of 2: both options").containsExactlyInAnyOrder("a", "b");

        Eventually.within(Duration.ofSeconds(1), "results show the events", () ->
                number(row(results("ev_shape", "metric=signup"), "a"), "conversions")
                        + number(row(results("ev_shape", "metric=signup"), "b"), "conversions") == 2);
        Map<String, Object> results = results("ev_shape", "metric=signup");

        assertThat(results.keySet()).containsExactly("experiment", "metric", "from", "to", "exposed", "control",
                "options", "sampleRatio");
        assertThat(results).containsEntry("experiment", "ev_shape").containsEntry("metric", "signup")
                .containsEntry("from", null).containsEntry("to", null).containsEntry("exposed", false)
                .containsEntry("control", "a");
        Map<String, Object> control = row(results, "a");
        assertThat(control.keySet()).containsExactly("value", "devices", "conversions", "rate", "rateLow", "rateHigh",
                "mean", "meanLow", "meanHigh", "difference", "differenceLow", "differenceHigh", "meanDifference",
                "meanDifferenceLow", "meanDifferenceHigh", "lift", "pValue", "pValueAdjusted");
        assertThat(control).containsEntry("devices", 2).containsEntry("conversions", 1).containsEntry("rate", 0.5)
                .containsEntry("difference", null).containsEntry("lift", null).containsEntry("pValue", null)
                .containsEntry("pValueAdjusted", null).containsEntry("mean", null).containsEntry("meanDifference", null);
        Map<String, Object> other = row(results, "b");
        assertThat(other).containsEntry("difference", 0.0).containsEntry("lift", 0.0).containsEntry("pValue", 1.0)
                .containsEntry("pValueAdjusted", 1.0).containsEntry("meanDifference", null);
        assertThat((Double) other.get("differenceLow")).isNegative();
        assertThat((Double) other.get("differenceHigh")).isPositive();
        @SuppressWarnings("unchecked")
        Map<String, Object> sampleRatio = (Map<String, Object>) results.get("sampleRatio");
        assertThat(sampleRatio.keySet()).containsExactly("expected", "observed", "withinOneBlock", "chiSquare", "pValue",
                "mismatch");
        assertThat(sampleRatio).containsEntry("expected", Map.of("a", 2.0, "b", 2.0))
                .containsEntry("observed", Map.of("a", 2, "b", 2)).containsEntry("withinOneBlock", true)
                .containsEntry("chiSquare", null).containsEntry("mismatch", false);
        HttpResponse<String> raw = api.admin("GET", Api.ADMIN + "/ev_shape/results?metric=signup", null);
        assertThat(raw.body()).contains("\"observed\":{\"a\":2,\"b\":2}");
    }

    @Test
    void with_exposed_only_exposed_devices_count_and_only_after_their_first_exposure() {
        experiment("ev_exposed");
        String exposed = device("ev-exposed-1");
        String notExposed = device("ev-exposed-2");
        assertThat(events(exposed, "{\"id\":\"x-1\",\"name\":\"click\"}").statusCode()).as("before its exposure")
                .isEqualTo(202);
        assertThat(events(notExposed, "{\"id\":\"x-1\",\"name\":\"click\"}").statusCode()).isEqualTo(202);
        HttpResponse<String> exposure = exposures(exposed, "{\"experiment\":\"ev_exposed\"}");
        assertThat(exposure.statusCode()).as(exposure.body()).isEqualTo(202);
        assertThat(api.object(exposure.body())).isEqualTo(Map.of("accepted", 1, "duplicates", 0));
        String option = answers.get(exposed).get("ev_exposed");

        Eventually.within(Duration.ofSeconds(1), "results show the events", () ->
                number(row(results("ev_exposed", "metric=click"), "a"), "conversions")
                        + number(row(results("ev_exposed", "metric=click"), "b"), "conversions") == 2);
        Map<String, Object> beforeExposure = results("ev_exposed", "metric=click&exposed=true");
        assertThat(beforeExposure).containsEntry("exposed", true);
        assertThat(row(beforeExposure, option)).containsEntry("devices", 1).containsEntry("conversions", 0);
        assertThat(number(row(beforeExposure, "a"), "devices") + number(row(beforeExposure, "b"), "devices"))
                .as("only the exposed device").isEqualTo(1);

        assertThat(events(exposed, "{\"id\":\"x-2\",\"name\":\"click\"}").statusCode()).as("after it").isEqualTo(202);
        Eventually.within(Duration.ofSeconds(1), "the event after the exposure counts", () ->
                number(row(results("ev_exposed", "metric=click&exposed=true"), option), "conversions") == 1);
    }

    @Test
    void an_event_before_the_devices_assignment_is_stored_and_never_counted() {
        experiment("ev_before");
        String device = device("ev-before-1");
        String yesterday = Instant.now().minus(Duration.ofDays(1)).toString();

        HttpResponse<String> before = events(device, "{\"id\":\"b-1\",\"name\":\"open\",\"at\":\"" + yesterday + "\"}");

        assertThat(api.object(before.body())).isEqualTo(Map.of("accepted", 1, "duplicates", 0));
        assertThat(api.object(events(device, "{\"id\":\"b-1\",\"name\":\"open\"}").body()))
                .as("it was stored").isEqualTo(Map.of("accepted", 0, "duplicates", 1));
        Map<String, Object> results = results("ev_before", "metric=open");
        assertThat(number(row(results, "a"), "conversions") + number(row(results, "b"), "conversions")).isZero();
        assertThat(number(row(results, "a"), "devices") + number(row(results, "b"), "devices")).isEqualTo(1);
    }

    /**
     * QA phones send test purchases. An overridden device's values enter the counters as they come (0.3, then 0.4:
     * the sum of squares gets 0.09, then 0.49 − 0.09) and are taken out again when results are read (− 0.7²), which
     * leaves −5.6e-17 rather than 0: the results answered 500 until the figures were read as the exact values they
     * stand for. Option a: its overridden device's purchases and two devices without any; option b: one purchase
     * of 1.0, which makes purchase a value metric.
     */
    @Test
    void values_sent_by_an_overridden_device_leave_no_trace_in_the_results() {
        experiment("ev_qa");
        List<String> devices = List.of("ev-qa-1", "ev-qa-2", "ev-qa-3", "ev-qa-4", "ev-qa-5", "ev-qa-6");
        devices.forEach(this::device);
        List<String> inA = devices.stream().filter(device -> answers.get(device).get("ev_qa").equals("a")).toList();
        List<String> inB = devices.stream().filter(device -> answers.get(device).get("ev_qa").equals("b")).toList();
        String qaPhone = inA.get(0);
        HttpResponse<String> put = api.admin("PUT", Api.ADMIN + "/ev_qa/overrides/" + qaPhone, "{\"value\":\"a\"}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

        assertThat(events(qaPhone, "{\"id\":\"q-1\",\"name\":\"purchase\",\"value\":0.3}").statusCode()).isEqualTo(202);
        assertThat(events(qaPhone, "{\"id\":\"q-2\",\"name\":\"purchase\",\"value\":0.4}").statusCode()).isEqualTo(202);
        assertThat(events(inB.get(0), "{\"id\":\"p-1\",\"name\":\"purchase\",\"value\":1.0}").statusCode()).isEqualTo(202);

        Map<String, Object> results = results("ev_qa", "metric=purchase");
        assertThat(number(row(results, "a"), "devices")).isEqualTo(2);
        assertThat(number(row(results, "a"), "conversions")).isZero();
        assertThat(row(results, "a")).containsEntry("mean", 0.0).containsEntry("meanLow", 0.0).containsEntry("meanHigh", 0.0);
        assertThat(number(row(results, "b"), "devices")).isEqualTo(3);
        assertThat((Double) row(results, "b").get("mean")).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void an_invalid_batch_is_refused_whole_naming_its_field_and_stores_nothing() {
        String device = device("ev-invalid-1");

        Map<String, String> fieldOfBody = Map.of(
                "{\"events\":[{\"id\":\"i-1\",\"name\":\"open\"},{\"id\":\"i-2\",\"name\":\"Open Now\"}]}", "events[1].name",
                "{\"events\":[{\"id\":\"i-1\",\"name\":\"open\",\"at\":\"" + Instant.now().minus(Duration.ofDays(31))
                        + "\"}]}", "events[0].at",
                "{\"events\":[{\"id\":\"i-1\",\"name\":\"open\",\"value\":\"5\"}]}", "events[0].value",
                "{\"events\":[{\"id\":\"i-1\",\"name\":\"open\",\"colour\":\"red\"}]}", "events[0].colour",
                "{\"events\":[{\"id\":\"i-1\",\"name\":\"open\",\"name\":\"buy\"}]}", "events[0].name",
                "{\"events\":[{\"id\":\"i-1\",\"name\":\"buy\",\"value\":1e200}]}", "events[0].value");
        fieldOfBody.forEach((body, field) -> {
            HttpResponse<String> response = events(device, body);
            assertProblem(response, 400);
            assertThat(api.object(response.body())).containsEntry("field", field);
        });
        HttpResponse<String> sentAt = events(device, "{\"id\":\"i-1\",\"name\":\"open\"}", "Sent-At", "yesterday");
        assertProblem(sentAt, 400);
        assertThat(api.object(sentAt.body())).containsEntry("field", "Sent-At");
        HttpResponse<String> unknownExperiment = exposures(device,
                "{\"exposures\":[{\"experiment\":\"price\"},{\"experiment\":\"no_such_experiment\"}]}");
        assertProblem(unknownExperiment, 400);
        assertThat(api.object(unknownExperiment.body())).containsEntry("field", "exposures[1].experiment");

        assertThat(api.object(events(device, "{\"id\":\"i-1\",\"name\":\"open\"}").body()))
                .as("nothing of the refused batches was stored").isEqualTo(Map.of("accepted", 1, "duplicates", 0));
    }

    @Test
    void events_of_a_device_never_seen_are_404_unknown_device() {
        HttpResponse<String> response = events("ev-never-seen", "{\"id\":\"n-1\",\"name\":\"open\"}");

        assertProblem(response, 404);
        assertThat(api.object(response.body())).containsEntry("type", "urn:abkit:problem:unknown-device");
        assertProblem(exposures("ev-never-seen", "{\"experiment\":\"price\"}"), 404);
    }

    @Test
    void the_largest_valid_batch_fits_the_body_limit_and_a_larger_body_is_413() {
        String device = device("ev-large-1");
        StringBuilder batch = new StringBuilder("{\"events\":[");
        String properties = "{\"p\":\"" + "x".repeat(4096 - 8) + "\"}";
        for (int i = 0; i < 1000; i++) {
            String id = String.format("%0100d", i);
            batch.append(i == 0 ? "" : ",").append("{\"id\":\"").append(id).append("\",\"name\":\"")
                    .append("n".repeat(64)).append("\",\"at\":\"").append(Instant.now().minusSeconds(60))
                    .append("\",\"value\":-1.2345678901234567E-300,\"properties\":").append(properties).append('}');
        }
        String largest = batch.append("]}").toString();
        int bytes = largest.getBytes(StandardCharsets.UTF_8).length;
        assertThat(bytes).as("properties of exactly 4 KiB").isGreaterThan(1000 * 4096).isLessThan(StrictJsonReader.INGEST_LIMIT);

        HttpResponse<String> accepted = events(device, largest);
        HttpResponse<String> tooLarge = events(device, largest + " ".repeat(StrictJsonReader.INGEST_LIMIT - bytes + 1));

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(api.object(accepted.body())).isEqualTo(Map.of("accepted", 1000, "duplicates", 0));
        assertProblem(tooLarge, 413);
    }
}
