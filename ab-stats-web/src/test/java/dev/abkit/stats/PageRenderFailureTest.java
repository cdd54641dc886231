package dev.abkit.stats;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page whose template fails while it is written (here: a model without the methods the template calls) is
 * answered 500 at once, the failure logged once with its cause, and the same connection answers the next
 * request. Before, the status line had gone out and the body never came: the client waited until its timeout.
 */
@MicronautTest(environments = UnrenderableViewModel.ENVIRONMENT)
class PageRenderFailureTest {

    @Inject
    EmbeddedServer server;

    private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent event) {
            super.append(event);
            requestsLoggedFor.add(ServerRequestContext.currentRequest().map(HttpRequest::getPath).orElse("none"));
        }
    };
    /** The request known where each line was logged: the server's logging takes the request id from it. */
    private final List<String> requestsLoggedFor = new CopyOnWriteArrayList<>();

    @BeforeEach
    void listen() {
        logged.start();
        root.addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        root.detachAppender(logged);
    }

    @ParameterizedTest
    @ValueSource(strings = {StatsPageController.PATH, ResultsPageTest.COLORS})
    void a_page_that_fails_to_render_is_a_500_logged_once_and_the_connection_answers_again(String page)
            throws IOException {
        try (Socket connection = new Socket(server.getHost(), server.getPort())) {
            RawHttp http = new RawHttp(connection);

            RawHttp.Response failed = http.get(page, InMemoryCoreFactory.ADMIN_TOKEN);
            assertThat(failed.status()).isEqualTo(500);
            assertThat(failed.body()).contains("could not be shown", "the failure is logged")
                    .doesNotContain("takenAt", "results.metric", "OGNL", "Exception");

            assertThat(http.get("/api/v1/stats", InMemoryCoreFactory.ADMIN_TOKEN).status())
                    .as("the next request on the same connection").isEqualTo(200);
        }
        assertThat(errors()).singleElement()
                .satisfies(event -> {
                    assertThat(event.getFormattedMessage()).contains("GET " + page);
                    assertThat(event.getThrowableProxy().getMessage()).contains("OGNL");
                    assertThat(event.getThreadName()).as("rendered off the event loop").doesNotContainIgnoringCase("eventloop");
                });
        assertThat(requestsLoggedFor.get(logged.list.indexOf(errors().get(0)))).isEqualTo(page);
    }

    private List<ILoggingEvent> errors() {
        return logged.list.stream().filter(event -> event.getLevel() == Level.ERROR).toList();
    }
}
