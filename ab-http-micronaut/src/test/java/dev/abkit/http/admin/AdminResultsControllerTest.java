package dev.abkit.http.admin;

import dev.abkit.core.error.InvalidResultsQueryException;
import dev.abkit.core.error.UnknownExperimentException;
import dev.abkit.core.event.MetricName;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.port.in.ReadResults;
import dev.abkit.core.results.ExperimentResults;
import dev.abkit.core.results.OptionResult;
import dev.abkit.core.results.ResultsQuery;
import dev.abkit.core.results.SampleRatio;
import dev.abkit.http.Calls;
import dev.abkit.http.auth.KnownAdminToken;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * {@code GET /api/v1/admin/experiments/{key}/results} against a stand-in of the results use case: the query
 * the core is asked, the answer's exact JSON (every member present, {@code null} where a figure does not
 * apply, maps in option order), and a 400 naming each bad parameter before the core is asked.
 */
@MicronautTest
class AdminResultsControllerTest {

    static final String PATH = "/api/v1/admin/experiments/button_color/results";

    @Inject
    EmbeddedServer server;

    @Inject
    ReadResults readResults;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void answer() {
        reset(readResults);
        given(readResults.results(any())).willReturn(results());
    }

    @Test
    void the_answer_has_every_member_in_order_with_null_for_what_does_not_apply() {
        HttpResponse<String> response = get(PATH + "?metric=purchase");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("""
                {"experiment":"button_color","metric":"purchase","from":null,"to":null,"exposed":false,\
                "control":"red","options":[\
                {"value":"red","devices":200,"conversions":20,"rate":0.1,"rateLow":0.06,"rateHigh":0.15,\
                "mean":1.5,"meanLow":1.0,"meanHigh":2.0,"difference":null,"differenceLow":null,"differenceHigh":null,\
                "meanDifference":null,"meanDifferenceLow":null,"meanDifferenceHigh":null,"lift":null,"pValue":null,\
                "pValueAdjusted":null},\
                {"value":"blue","devices":201,"conversions":30,"rate":0.15,"rateLow":0.1,"rateHigh":0.2,\
                "mean":null,"meanLow":null,"meanHigh":null,"difference":0.05,"differenceLow":-0.01,"differenceHigh":0.11,\
                "meanDifference":0.25,"meanDifferenceLow":-0.5,"meanDifferenceHigh":1.0,"lift":0.5,"pValue":0.12,\
                "pValueAdjusted":0.12}],\
                "sampleRatio":{"expected":{"red":200.5,"blue":200.5},"observed":{"red":200,"blue":201},\
                "withinOneBlock":true,"chiSquare":null,"pValue":null,"mismatch":false}}""");
        assertThat(asked()).isEqualTo(new ResultsQuery(ExperimentKey.of("button_color"), MetricName.of("purchase"),
                Optional.empty(), Optional.empty(), false, Optional.empty()));
    }

    @Test
    void the_window_control_and_exposed_are_handed_to_the_core_and_echoed() {
        HttpResponse<String> response = get(PATH + "?metric=purchase&from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z"
                + "&control=blue&exposed=true");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).startsWith("{\"experiment\":\"button_color\",\"metric\":\"purchase\","
                + "\"from\":\"2026-11-01T00:00:00Z\",\"to\":\"2026-12-01T00:00:00Z\",\"exposed\":true,");
        assertThat(asked()).isEqualTo(new ResultsQuery(ExperimentKey.of("button_color"), MetricName.of("purchase"),
                Optional.of(Instant.parse("2026-11-01T00:00:00Z")), Optional.of(Instant.parse("2026-12-01T00:00:00Z")),
                true, Optional.of("blue")));
    }

    @Test
    void each_bad_parameter_is_a_400_naming_it_and_the_core_is_not_asked() {
        Map<String, String> fieldOfQuery = Map.of(
                "", "metric",
                "?metric=Purchase", "metric",
                "?metric=purchase&from=yesterday", "from",
                "?metric=purchase&to=2026-12-01", "to",
                "?metric=purchase&exposed=yes", "exposed",
                "?metric=purchase&exposed=TRUE", "exposed",
                "?metric=purchase&from=2026-12-01T00:00:00Z&to=2026-12-01T00:00:00Z", "from");

        fieldOfQuery.forEach((query, field) -> assertProblem(get(PATH + query), 400, "invalid-input", field));
        verifyNoInteractions(readResults);
    }

    @Test
    void what_the_core_refuses_is_a_400_naming_the_parameter_or_a_404_for_an_unknown_experiment() {
        willThrow(new InvalidResultsQueryException("control", "\"green\" is not an option of button_color"))
                .given(readResults).results(any());
        HttpResponse<String> control = get(PATH + "?metric=purchase&control=green");
        assertProblem(control, 400, "invalid-input", "control");
        assertThat(control.body()).contains("\"detail\":\"control: \\\"green\\\" is not an option of button_color\"");

        willThrow(new UnknownExperimentException(ExperimentKey.of("button_color"))).given(readResults).results(any());
        assertProblem(get(PATH + "?metric=purchase"), 404, "unknown-experiment", null);

        reset(readResults);
        assertProblem(get("/api/v1/admin/experiments/Not%20A%20Key/results?metric=purchase"), 404,
                "unknown-experiment", null);
        verifyNoInteractions(readResults);
    }

    @Test
    void without_the_admin_token_the_results_are_a_401_and_the_core_is_not_asked() {
        HttpResponse<String> response = Calls.send(client, HttpRequest.newBuilder(server.getURI()
                .resolve(PATH + "?metric=purchase")).timeout(Duration.ofSeconds(10)).build());

        assertProblem(response, 401, "unauthorized", null);
        verifyNoInteractions(readResults);
    }

    private ResultsQuery asked() {
        ArgumentCaptor<ResultsQuery> query = ArgumentCaptor.forClass(ResultsQuery.class);
        verify(readResults).results(query.capture());
        return query.getValue();
    }

    private static ExperimentResults results() {
        OptionalDouble none = OptionalDouble.empty();
        OptionResult red = new OptionResult("red", 200, 20, of(0.1), of(0.06), of(0.15), of(1.5), of(1.0), of(2.0),
                none, none, none, none, none, none, none, none, none);
        OptionResult blue = new OptionResult("blue", 201, 30, of(0.15), of(0.1), of(0.2), none, none, none,
                of(0.05), of(-0.01), of(0.11), of(0.25), of(-0.5), of(1.0), of(0.5), of(0.12), of(0.12));
        Map<String, Double> expected = new LinkedHashMap<>();
        expected.put("red", 200.5);
        expected.put("blue", 200.5);
        Map<String, Long> observed = new LinkedHashMap<>();
        observed.put("red", 200L);
        observed.put("blue", 201L);
        return new ExperimentResults(ExperimentKey.of("button_color"), "red", List.of(red, blue),
                new SampleRatio(expected, observed, true, none, none, false));
    }

    private static OptionalDouble of(double value) {
        return OptionalDouble.of(value);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"type\":\"urn:abkit:problem:" + type + "\"");
        if (field == null) {
            assertThat(response.body()).doesNotContain("\"field\"");
        } else {
            assertThat(response.body()).as("names %s", field).contains("\"field\":\"" + field + "\"");
        }
    }

    private HttpResponse<String> get(String pathAndQuery) {
        return Calls.send(client, HttpRequest.newBuilder(server.getURI().resolve(pathAndQuery))
                .header("Authorization", "Bearer " + KnownAdminToken.VALUE).timeout(Duration.ofSeconds(10)).build());
    }

    @MockBean(ReadResults.class)
    ReadResults readResults() {
        return mock(ReadResults.class);
    }
}
