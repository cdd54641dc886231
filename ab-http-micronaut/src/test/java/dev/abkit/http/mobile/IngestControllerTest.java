package dev.abkit.http.mobile;

import dev.abkit.core.error.InvalidEventException;
import dev.abkit.core.error.UnknownDeviceException;
import dev.abkit.core.event.Event;
import dev.abkit.core.event.EventBatch;
import dev.abkit.core.event.Exposure;
import dev.abkit.core.event.ExposureBatch;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.port.in.Ingested;
import dev.abkit.core.port.in.RecordEvents;
import dev.abkit.core.port.in.RecordExposures;
import dev.abkit.http.Calls;
import dev.abkit.http.json.StrictJsonReader;
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
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The events and exposures calls over HTTP against stand-ins of their use cases: what the core is handed
 * (fields, corrected times, properties as JSON text), the 202 it answers, and every refusal, each naming
 * what to fix, with the use case never reached by a refused request.
 */
@MicronautTest
class IngestControllerTest {

    static final String DEVICE = "device-42";

    @Inject
    EmbeddedServer server;

    @Inject
    RecordEvents recordEvents;

    @Inject
    RecordExposures recordExposures;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void answerAccepted() {
        reset(recordEvents, recordExposures);
        given(recordEvents.record(any())).willAnswer(call -> {
            EventBatch batch = call.getArgument(0);
            return new Ingested(batch.events().size(), batch.duplicates());
        });
        given(recordExposures.record(any())).willAnswer(call ->
                new Ingested(((ExposureBatch) call.getArgument(0)).exposures().size(), 0));
    }

    @Test
    void one_event_is_handed_to_the_core_with_its_fields_and_properties_as_json_text_and_answered_202() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
        HttpResponse<String> response = post("/api/v1/events", """
                {"id":"e-1","name":"purchase","value":12.5,"properties":{"sku":"A-1", "qty":2,"tags":["x"]}}""");
        Instant after = Instant.now();

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("{\"accepted\":1,\"duplicates\":0}");
        Event event = recordedEvents().events().get(0);
        assertThat(event.device()).isEqualTo(DeviceToken.of(DEVICE));
        assertThat(event.id().value()).isEqualTo("e-1");
        assertThat(event.metric().value()).isEqualTo("purchase");
        assertThat(event.value().amount()).isEqualTo(12.5);
        assertThat(event.properties().json()).isEqualTo("{\"sku\":\"A-1\",\"qty\":2,\"tags\":[\"x\"]}");
        assertThat(event.at()).as("no at: the receipt time").isBetween(before, after);
    }

    @Test
    void a_batch_is_handed_over_in_order_and_the_use_cases_counts_are_the_answer() {
        HttpResponse<String> response = post("/api/v1/events", """
                {"events":[{"id":"a","name":"open"},{"id":"b","name":"purchase","value":3},{"id":"a","name":"open"}]}""");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(response.body()).isEqualTo("{\"accepted\":2,\"duplicates\":1}");
        EventBatch batch = recordedEvents();
        assertThat(batch.events()).extracting(e -> e.id().value()).containsExactly("a", "b");
        assertThat(batch.events().get(0).value()).isNull();
        assertThat(batch.events().get(0).properties()).isNull();
    }

    @Test
    void at_is_shifted_by_the_difference_between_receipt_and_sent_at_and_never_lies_in_the_future() {
        Instant clientNow = Instant.parse("2020-01-01T12:00:00Z");
        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
        HttpResponse<String> response = post("/api/v1/events", """
                {"events":[{"id":"five-minutes-before-sending","name":"open","at":"2020-01-01T11:55:00Z"},
                           {"id":"after-sending","name":"open","at":"2020-01-01T12:00:10Z"}]}""",
                "Sent-At", clientNow.toString());
        Instant after = Instant.now();

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        List<Event> events = recordedEvents().events();
        assertThat(events.get(0).at()).isBetween(before.minus(Duration.ofMinutes(5)), after.minus(Duration.ofMinutes(5)));
        assertThat(events.get(1).at()).as("clamped to the receipt").isBetween(before, after);
    }

    @Test
    void an_invalid_event_refuses_the_whole_batch_naming_its_field() {
        Map<String, String> fieldOfBody = Map.of(
                "{\"events\":[{\"id\":\"a\",\"name\":\"open\"},{\"id\":\"b\",\"name\":\"Open Now\"}]}", "events[1].name",
                "{\"events\":[{\"id\":\"a\",\"name\":\"open\"},{\"name\":\"open\"}]}", "events[1].id",
                "{\"id\":\"a b\",\"name\":\"open\"}", "id",
                "{\"events\":[{\"id\":\"a\",\"name\":\"open\",\"at\":\"yesterday\"}]}", "events[0].at",
                "{\"events\":[{\"id\":\"a\",\"name\":\"open\",\"at\":\"2001-01-01T00:00:00Z\"}]}", "events[0].at",
                "{\"events\":[{\"id\":\"a\",\"name\":\"open\",\"value\":1e999}]}", "events[0].value",
                "{\"events\":[{\"id\":\"a\",\"name\":\"open\",\"value\":-1e200}]}", "events[0].value",
                "{\"events\":[{\"id\":\"a\",\"name\":\"open\",\"properties\":{\"p\":\"" + "x".repeat(4096) + "\"}}]}",
                "events[0].properties",
                "{\"events\":[]}", "events");

        fieldOfBody.forEach((body, field) -> {
            HttpResponse<String> response = post("/api/v1/events", body);
            assertProblem(response, 400, "invalid-input", field);
        });
        verifyNoInteractions(recordEvents);
    }

    @Test
    void a_member_of_the_wrong_type_or_an_unknown_one_is_a_malformed_body_naming_it() {
        Map<String, String> fieldOfBody = Map.of(
                "{\"events\":[{\"id\":\"a\",\"name\":\"open\",\"value\":\"12\"}]}", "events[0].value",
                "{\"events\":[{\"id\":\"a\",\"name\":\"open\",\"properties\":[1]}]}", "events[0].properties",
                "{\"events\":[{\"id\":\"a\",\"name\":\"open\",\"colour\":\"red\"}]}", "events[0].colour",
                "{\"events\":[{\"id\":7,\"name\":\"open\"}]}", "events[0].id",
                "{\"events\":[\"open\"]}", "events[0]",
                "{\"events\":{\"id\":\"a\"}}", "events",
                "{\"events\":[{\"id\":\"a\",\"name\":\"open\"}],\"device\":\"x\"}", "device",
                "{\"events\":null}", "events");

        fieldOfBody.forEach((body, field) -> assertProblem(post("/api/v1/events", body), 400, "malformed-body", field));
        assertProblem(post("/api/v1/events", "[{\"id\":\"a\",\"name\":\"open\"}]"), 400, "malformed-body", null);
        assertProblem(post("/api/v1/events", "{\"id\":\"a\",\"name\":\"open\"} {}"), 400, "malformed-body", null);
        assertProblem(post("/api/v1/events", "{\"id\":\"a\",\"name\":\"open\",\"value\":NaN}"), 400, "malformed-body", null);
        verifyNoInteractions(recordEvents);
    }

    @Test
    void the_device_token_and_sent_at_headers_are_checked_first_and_name_themselves() {
        String event = "{\"id\":\"a\",\"name\":\"open\"}";
        assertProblem(send(request("/api/v1/events", event)), 400, "invalid-input", "Device-Token");
        assertProblem(post("/api/v1/events", event, "Device-Token", "two words"), 400, "invalid-input", "Device-Token");
        assertProblem(post("/api/v1/events", event, "Sent-At", "now"), 400, "invalid-input", "Sent-At");
        assertProblem(post("/api/v1/exposures", "{\"experiment\":\"price\"}", "Sent-At", "1.12.2026"),
                400, "invalid-input", "Sent-At");
        verifyNoInteractions(recordEvents, recordExposures);
    }

    @Test
    void an_unknown_device_is_404_unknown_device() {
        willThrow(new UnknownDeviceException(DeviceToken.of(DEVICE))).given(recordEvents).record(any());

        assertProblem(post("/api/v1/events", "{\"id\":\"a\",\"name\":\"open\"}"), 404, "unknown-device", null);
    }

    @Test
    void a_body_over_the_ingest_limit_is_413_and_one_of_admin_size_is_not() {
        String padding = " ".repeat(StrictJsonReader.INGEST_LIMIT);
        assertThat(post("/api/v1/events", "{\"id\":\"a\",\"name\":\"open\"}" + padding.substring(100_000))
                .statusCode()).as("over 64 KiB, within the ingest limit").isEqualTo(202);

        HttpResponse<String> tooLarge = post("/api/v1/events", "{\"id\":\"a\",\"name\":\"open\"}" + padding);

        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(tooLarge.body()).contains("\"type\":\"about:blank\"", String.valueOf(StrictJsonReader.INGEST_LIMIT));
    }

    @Test
    void exposures_single_and_batch_are_handed_over_with_their_corrected_times() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
        HttpResponse<String> single = post("/api/v1/exposures", "{\"experiment\":\"price\"}");
        assertThat(single.statusCode()).as(single.body()).isEqualTo(202);
        assertThat(single.body()).isEqualTo("{\"accepted\":1,\"duplicates\":0}");
        Exposure exposure = recordedExposures().exposures().get(0);
        assertThat(exposure.experiment()).isEqualTo(ExperimentKey.of("price"));
        assertThat(exposure.at()).isBetween(before, Instant.now());

        reset(recordExposures);
        given(recordExposures.record(any())).willReturn(new Ingested(2, 0));
        Instant hourAgo = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MICROS);
        HttpResponse<String> batch = post("/api/v1/exposures", "{\"exposures\":[{\"experiment\":\"price\",\"at\":\""
                + hourAgo + "\"},{\"experiment\":\"button_color\"}]}");
        assertThat(batch.statusCode()).as(batch.body()).isEqualTo(202);
        List<Exposure> exposures = recordedExposures().exposures();
        assertThat(exposures).extracting(e -> e.experiment().value()).containsExactly("price", "button_color");
        assertThat(exposures.get(0).at()).isEqualTo(hourAgo);
    }

    @Test
    void an_exposure_of_an_unknown_or_impossible_experiment_is_400_naming_it() {
        willThrow(new InvalidEventException("exposures[1].experiment", "there is no experiment with this key"))
                .given(recordExposures).record(any());
        assertProblem(post("/api/v1/exposures", "{\"exposures\":[{\"experiment\":\"price\"},{\"experiment\":\"nope\"}]}"),
                400, "invalid-input", "exposures[1].experiment");

        reset(recordExposures);
        assertProblem(post("/api/v1/exposures", "{\"exposures\":[{\"experiment\":\"Not A Key\"}]}"),
                400, "invalid-input", "exposures[0].experiment");
        assertProblem(post("/api/v1/exposures", "{\"experiment\":\"price\",\"when\":\"now\"}"), 400, "malformed-body", "when");
        assertProblem(post("/api/v1/exposures", "{\"exposures\":[{\"experiment\":1}]}"), 400, "malformed-body",
                "exposures[0].experiment");
        verifyNoInteractions(recordExposures);
    }

    private EventBatch recordedEvents() {
        ArgumentCaptor<EventBatch> batch = ArgumentCaptor.forClass(EventBatch.class);
        verify(recordEvents).record(batch.capture());
        return batch.getValue();
    }

    private ExposureBatch recordedExposures() {
        ArgumentCaptor<ExposureBatch> batch = ArgumentCaptor.forClass(ExposureBatch.class);
        verify(recordExposures).record(batch.capture());
        return batch.getValue();
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

    private HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder request = request(path, body).header("Device-Token", DEVICE);
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    private HttpRequest.Builder request(String path, String body) {
        return HttpRequest.newBuilder(server.getURI().resolve(path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        return Calls.send(client, request.build());
    }

    @MockBean(RecordEvents.class)
    RecordEvents recordEvents() {
        return mock(RecordEvents.class);
    }

    @MockBean(RecordExposures.class)
    RecordExposures recordExposures() {
        return mock(RecordExposures.class);
    }
}
