package dev.abkit.http.mobile;

import dev.abkit.core.AbKit;
import dev.abkit.core.port.in.ExperimentsForDevice;
import dev.abkit.core.port.in.ReadResults;
import dev.abkit.core.port.in.RecordEvents;
import dev.abkit.core.port.in.RecordExposures;
import dev.abkit.http.Calls;
import dev.abkit.http.auth.KnownAdminToken;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events, exposures and results calls over HTTP with the core's own services on its in-memory
 * adapters: what the adapter hands over is what the services expect (fields named as the client wrote
 * them, duplicates counted across retries, unknown devices refused), and the results read what was sent.
 */
@MicronautTest
class IngestWithTheCoreTest {

    static final AbKit KIT = AbKit.inMemory();

    @Inject
    EmbeddedServer server;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void a_retried_batch_is_stored_once_and_the_results_count_its_device_once() {
        HttpResponse<String> registered = send(request("/api/v1/experiments").header("Device-Token", "core-1"));
        assertThat(registered.statusCode()).isEqualTo(200);
        Matcher colour = Pattern.compile("\"button_color\":\"(#[0-9A-F]{6})\"").matcher(registered.body());
        assertThat(colour.find()).as(registered.body()).isTrue();
        String batch = "{\"events\":[{\"id\":\"c-1\",\"name\":\"purchase\",\"value\":2.5},"
                + "{\"id\":\"c-2\",\"name\":\"purchase\",\"value\":1},{\"id\":\"c-1\",\"name\":\"purchase\",\"value\":2.5}]}";

        HttpResponse<String> sent = post("/api/v1/events", "core-1", batch);
        HttpResponse<String> again = post("/api/v1/events", "core-1", batch);

        assertThat(sent.body()).isEqualTo("{\"accepted\":2,\"duplicates\":1}");
        assertThat(again.body()).isEqualTo("{\"accepted\":0,\"duplicates\":3}");
        HttpResponse<String> results = send(request("/api/v1/admin/experiments/button_color/results?metric=purchase")
                .header("Authorization", "Bearer " + KnownAdminToken.VALUE));
        assertThat(results.statusCode()).as(results.body()).isEqualTo(200);
        assertThat(results.body()).contains("{\"value\":\"" + colour.group(1)
                + "\",\"devices\":1,\"conversions\":1,\"rate\":1.0,", "\"mean\":3.5,");
    }

    @Test
    void an_exposure_to_an_unknown_experiment_names_the_field_as_written_and_an_unknown_device_is_404() {
        send(request("/api/v1/experiments").header("Device-Token", "core-2"));

        HttpResponse<String> single = post("/api/v1/exposures", "core-2", "{\"experiment\":\"no_such_key\"}");
        HttpResponse<String> batch = post("/api/v1/exposures", "core-2",
                "{\"exposures\":[{\"experiment\":\"price\"},{\"experiment\":\"no_such_key\"}]}");
        HttpResponse<String> unknownDevice = post("/api/v1/events", "core-never-seen", "{\"id\":\"n\",\"name\":\"open\"}");

        assertThat(single.statusCode()).isEqualTo(400);
        assertThat(single.body()).contains("\"field\":\"experiment\"");
        assertThat(batch.body()).contains("\"field\":\"exposures[1].experiment\"");
        assertThat(unknownDevice.statusCode()).isEqualTo(404);
        assertThat(unknownDevice.body()).contains("urn:abkit:problem:unknown-device");
        assertThat(post("/api/v1/exposures", "core-2", "{\"experiment\":\"price\"}").body())
                .isEqualTo("{\"accepted\":1,\"duplicates\":0}");
    }

    private HttpResponse<String> post(String path, String device, String body) {
        return send(request(path).header("Device-Token", device).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(server.getURI().resolve(path)).timeout(Duration.ofSeconds(10));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        return Calls.send(client, request.build());
    }

    @MockBean(ExperimentsForDevice.class)
    ExperimentsForDevice experimentsForDevice() {
        return KIT.experimentsForDevice();
    }

    @MockBean(RecordEvents.class)
    RecordEvents recordEvents() {
        return KIT.recordEvents();
    }

    @MockBean(RecordExposures.class)
    RecordExposures recordExposures() {
        return KIT.recordExposures();
    }

    @MockBean(ReadResults.class)
    ReadResults readResults() {
        return KIT.readResults();
    }
}
