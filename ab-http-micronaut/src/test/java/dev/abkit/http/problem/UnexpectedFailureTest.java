package dev.abkit.http.problem;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.abkit.core.port.in.CreateExperiment;
import dev.abkit.http.auth.KnownAdminToken;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An IllegalArgumentException that does not come from converting the request is a bug, wherever it
 * is thrown (here: by the store, under the create use case): 500 with the generic text, its message
 * and cause only in the log. Only the adapters' InvalidInputException means "fix your request".
 */
@MicronautTest
class UnexpectedFailureTest {

    static final String INTERNAL = "value too long for type character varying(100)";

    @Inject
    EmbeddedServer server;

    private final Logger handlerLog = (Logger) LoggerFactory.getLogger(DomainProblemHandler.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void listen() {
        logged.start();
        handlerLog.addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        handlerLog.detachAppender(logged);
    }

    @Test
    void an_illegal_argument_from_below_the_use_case_is_a_500_without_its_message_and_logged_with_its_cause()
            throws Exception {
        HttpResponse<String> response = create("""
                {"key":"valid","options":[{"value":"a","weight":1}]}""");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":500", "the failure is logged")
                .doesNotContain(INTERNAL, "IllegalArgument", "varying");
        assertThat(logged.list).anySatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.ERROR);
            assertThat(event.getThrowableProxy().getClassName()).isEqualTo(IllegalArgumentException.class.getName());
            assertThat(event.getThrowableProxy().getMessage()).isEqualTo(INTERNAL);
        });
    }

    @Test
    void input_that_the_core_rejects_is_still_a_400_naming_the_field() throws Exception {
        HttpResponse<String> response = create("""
                {"key":"twice","options":[{"value":"a","weight":1},{"value":"a","weight":1}]}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"options\"", "distinct");
        assertThat(logged.list).isEmpty();
    }

    private HttpResponse<String> create(String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.getURI().resolve("/api/v1/admin/experiments"))
                .header("Authorization", "Bearer " + KnownAdminToken.VALUE).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The create use case of a store that refuses what it is asked to keep; the module's in-memory test
     * wiring provides the other beans.
     */
    @MockBean(CreateExperiment.class)
    CreateExperiment failingCreate() {
        return (actor, newExperiment) -> {
            throw new IllegalArgumentException(INTERNAL);
        };
    }
}
