package dev.abkit.http;

import dev.abkit.core.model.DeviceAttributes;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.port.in.CloseExperiment;
import dev.abkit.core.port.in.CreateExperiment;
import dev.abkit.core.port.in.DeviceReport;
import dev.abkit.core.port.in.EditExperiment;
import dev.abkit.core.port.in.ScheduleExperiment;
import dev.abkit.core.port.in.StartExperiment;
import dev.abkit.core.port.in.ExperimentsForDevice;
import dev.abkit.core.port.in.FindDevice;
import dev.abkit.core.port.in.OverrideDevices;
import dev.abkit.core.port.in.FindExperiments;
import dev.abkit.core.port.in.StopExperiment;
import dev.abkit.http.auth.KnownAdminToken;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * A refused request touches no port: a mobile request with a Device-Token the core cannot accept,
 * and an admin request without the admin token or with a wrong one, are answered before any use
 * case is called, so nothing reaches the storage behind them either. Every use case is a mock here,
 * because "never called" is the property; one accepted request of each kind shows the mocks are
 * the ones the controllers call.
 */
@MicronautTest
class RefusedRequestsTest {

    static final String NEW_EXPERIMENT = """
            {"key":"refused","options":[{"value":"a","weight":1}]}""";

    @Inject
    EmbeddedServer server;

    @Inject
    ExperimentsForDevice experimentsForDevice;

    @Inject
    CreateExperiment createExperiment;

    @Inject
    FindExperiments findExperiments;

    @Inject
    StopExperiment stopExperiment;

    @Inject
    FindDevice findDevice;

    @Inject
    StartExperiment startExperiment;

    @Inject
    ScheduleExperiment scheduleExperiment;

    @Inject
    CloseExperiment closeExperiment;

    @Inject
    EditExperiment editExperiment;

    @Inject
    OverrideDevices overrideDevices;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void noCallsYet() {
        clearInvocations(experimentsForDevice, createExperiment, findExperiments, stopExperiment, findDevice,
                startExperiment, scheduleExperiment, closeExperiment, editExperiment, overrideDevices);
    }

    @Test
    void a_mobile_request_with_a_missing_or_invalid_device_token_reaches_no_use_case() {
        assertThat(send(get("/api/v1/experiments")).statusCode()).as("no Device-Token").isEqualTo(400);
        for (String token : List.of("", "two words", "x".repeat(201))) {
            assertThat(send(get("/api/v1/experiments").header("Device-Token", token)).statusCode())
                    .as("Device-Token '%s'", token).isEqualTo(400);
        }

        verifyNoInteractions(experimentsForDevice, createExperiment, findExperiments, stopExperiment, findDevice);

        assertThat(send(get("/api/v1/experiments").header("Device-Token", "a-valid-device")).statusCode()).isEqualTo(200);
        assertThat(mockingDetails(experimentsForDevice).getInvocations()).as("a valid token is served by the mock").isNotEmpty();
    }

    @Test
    void a_mobile_request_with_a_bad_attribute_header_reaches_no_use_case() {
        for (String[] header : List.of(new String[]{"Platform", "ipados"}, new String[]{"App-Version", "2.3"},
                new String[]{"Locale", "en_US"}, new String[]{"Locale", ""})) {
            assertThat(send(get("/api/v1/experiments").header("Device-Token", "a-valid-device")
                    .header(header[0], header[1])).statusCode()).as("%s: '%s'", header[0], header[1]).isEqualTo(400);
        }

        verifyNoInteractions(experimentsForDevice, createExperiment, findExperiments, stopExperiment, findDevice);
    }

    @Test
    void an_admin_request_without_the_token_or_with_a_wrong_one_reaches_no_use_case() {
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                ("anyone:" + KnownAdminToken.VALUE).getBytes(StandardCharsets.UTF_8));
        for (String authorization : List.of("", "Bearer wrong-token", "Bearer " + KnownAdminToken.VALUE + "x", basic)) {
            for (HttpRequest.Builder request : List.of(
                    get("/api/v1/admin/experiments"),
                    get("/api/v1/admin/experiments/price"),
                    post("/api/v1/admin/experiments", NEW_EXPERIMENT),
                    post("/api/v1/admin/experiments/price/stop", ""),
                    get("/api/v1/admin/devices/device-42"),
                    post("/api/v1/admin/experiments/price/start", ""),
                    post("/api/v1/admin/experiments/price/close", ""),
                    post("/api/v1/admin/experiments/price/schedule", "{\"startAt\":\"2099-01-01T00:00:00Z\"}"),
                    get("/api/v1/admin/experiments/price/overrides"),
                    get("/api/v1/admin/experiments/price/overrides/qa-phone").header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString("{\"value\":\"50\"}")),
                    get("/api/v1/admin/experiments/price/overrides/qa-phone").DELETE(),
                    get("/api/v1/admin/experiments/price").header("Content-Type", "application/json")
                            .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"endAt\":null}")))) {
                if (!authorization.isEmpty()) {
                    request.header("Authorization", authorization);
                }
                assertThat(send(request).statusCode()).as("'%s'", authorization).isEqualTo(401);
            }
        }

        verifyNoInteractions(experimentsForDevice, createExperiment, findExperiments, stopExperiment, findDevice,
                startExperiment, scheduleExperiment, closeExperiment, editExperiment, overrideDevices);

        assertThat(send(get("/api/v1/admin/experiments").header("Authorization", "Bearer " + KnownAdminToken.VALUE))
                .statusCode()).isEqualTo(200);
        verify(findExperiments).all();
        given(findDevice.find(DeviceToken.of("device-42"))).willReturn(new DeviceReport(DeviceToken.of("device-42"),
                Instant.EPOCH, DeviceAttributes.UNKNOWN, List.of()));
        assertThat(send(get("/api/v1/admin/devices/device-42").header("Authorization", "Bearer " + KnownAdminToken.VALUE))
                .statusCode()).isEqualTo(200);
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(server.getURI().resolve(path)).timeout(Duration.ofSeconds(10));
    }

    private HttpRequest.Builder post(String path, String json) {
        return get(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        return Calls.send(client, request.build());
    }

    @MockBean(ExperimentsForDevice.class)
    ExperimentsForDevice experimentsForDevice() {
        return mock(ExperimentsForDevice.class);
    }

    @MockBean(CreateExperiment.class)
    CreateExperiment createExperiment() {
        return mock(CreateExperiment.class);
    }

    @MockBean(FindExperiments.class)
    FindExperiments findExperiments() {
        return mock(FindExperiments.class);
    }

    @MockBean(StopExperiment.class)
    StopExperiment stopExperiment() {
        return mock(StopExperiment.class);
    }

    @MockBean(FindDevice.class)
    FindDevice findDevice() {
        return mock(FindDevice.class);
    }

    @MockBean(StartExperiment.class)
    StartExperiment startExperiment() {
        return mock(StartExperiment.class);
    }

    @MockBean(ScheduleExperiment.class)
    ScheduleExperiment scheduleExperiment() {
        return mock(ScheduleExperiment.class);
    }

    @MockBean(CloseExperiment.class)
    CloseExperiment closeExperiment() {
        return mock(CloseExperiment.class);
    }

    @MockBean(EditExperiment.class)
    EditExperiment editExperiment() {
        return mock(EditExperiment.class);
    }

    @MockBean(OverrideDevices.class)
    OverrideDevices overrideDevices() {
        return mock(OverrideDevices.class);
    }
}
