package dev.abkit.http.admin;

import dev.abkit.core.port.in.CreateExperiment;
import dev.abkit.http.Calls;
import dev.abkit.http.auth.KnownAdminToken;
import dev.abkit.http.json.StrictJsonReader;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The server admits bodies up to the ingest limit, so an admin body's 64 KiB is the reader's to keep:
 * one byte more is a 413 problem and reaches no use case, whether its length is announced or chunked.
 */
@MicronautTest
@Property(name = "micronaut.server.max-request-size", value = "" + StrictJsonReader.INGEST_LIMIT)
class AdminBodyLimitTest {

    @Inject
    EmbeddedServer server;

    @Inject
    CreateExperiment createExperiment;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void an_admin_body_one_byte_over_64_kib_is_413_with_or_without_content_length() {
        String body = "{\"key\":\"big\",\"options\":[{\"value\":\"a\",\"weight\":1}]}";
        String tooLarge = body + " ".repeat(StrictJsonReader.ADMIN_LIMIT - body.length() + 1);

        for (HttpRequest.BodyPublisher publisher : new HttpRequest.BodyPublisher[]{
                HttpRequest.BodyPublishers.ofString(tooLarge),
                HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofString(tooLarge))}) {
            HttpResponse<String> response = Calls.send(client, HttpRequest.newBuilder(
                            server.getURI().resolve("/api/v1/admin/experiments"))
                    .header("Authorization", "Bearer " + KnownAdminToken.VALUE).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(10)).POST(publisher).build());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.body()).contains("\"type\":\"about:blank\"", "65536");
        }
        verifyNoInteractions(createExperiment);
    }

    @MockBean(CreateExperiment.class)
    CreateExperiment createExperiment() {
        return mock(CreateExperiment.class);
    }
}
