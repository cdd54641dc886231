package dev.abkit.http.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.MutableHttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RequestLogFilterTest {

    private final Logger access = (Logger) LoggerFactory.getLogger("abkit.access");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final List<String> heard = new ArrayList<>();
    private final RequestLogFilter filter = new RequestLogFilter(List.of(
            (request, response, nanos) -> heard.add(request.getPath() + " " + response.code() + (nanos >= 0 ? "" : " negative"))));
    private Level levelBefore;

    @BeforeEach
    void listen() {
        levelBefore = access.getLevel();
        lines.start();
        access.addAppender(lines);
    }

    @AfterEach
    void stopListening() {
        access.detachAppender(lines);
        access.setLevel(levelBefore);
    }

    private MutableHttpResponse<?> serve(int status) {
        MutableHttpRequest<?> request = HttpRequest.GET("/api/v1/experiments?secret=1")
                .header("Device-Token", "device-secret").header("Authorization", "Bearer admin-secret")
                .header("X-Request-Id", "id-" + status);
        MutableHttpResponse<?> response = HttpResponse.status(io.micronaut.http.HttpStatus.valueOf(status));
        filter.start(request);
        filter.finish(request, response);
        return response;
    }

    @Test
    void every_response_carries_the_request_id_and_the_line_written_for_it_too() {
        access.setLevel(Level.INFO);

        MutableHttpResponse<?> response = serve(503);

        assertThat(response.getHeaders().get("X-Request-Id")).isEqualTo("id-503");
        assertThat(lines.list).singleElement()
                .satisfies(line -> assertThat(line.getMDCPropertyMap()).containsEntry("requestId", "id-503"));
        assertThat(org.slf4j.MDC.get("requestId")).as("taken back after the line").isNull();
    }

    @Test
    void every_observer_hears_of_every_answered_request_with_its_duration_whatever_the_log_level() {
        access.setLevel(Level.OFF);

        serve(200);
        serve(401);

        assertThat(heard).containsExactly("/api/v1/experiments 200", "/api/v1/experiments 401");
        assertThat(lines.list).isEmpty();
    }

    @Test
    void at_warn_only_server_errors_are_logged() {
        access.setLevel(Level.WARN);

        serve(200);
        serve(400);
        serve(503);

        assertThat(lines.list).hasSize(1);
        assertThat(lines.list.get(0).getLevel()).isEqualTo(Level.WARN);
        assertThat(lines.list.get(0).getFormattedMessage()).matches("GET /api/v1/experiments 503 \\d+\\.\\d ms");
    }

    @Test
    void at_info_every_request_is_logged_without_query_or_headers() {
        access.setLevel(Level.INFO);

        serve(200);
        serve(503);

        assertThat(lines.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.INFO, Level.WARN);
        assertThat(lines.list.get(0).getFormattedMessage())
                .matches("GET /api/v1/experiments 200 \\d+\\.\\d ms")
                .doesNotContain("secret");
    }
}
