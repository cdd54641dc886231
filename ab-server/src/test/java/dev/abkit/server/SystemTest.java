package dev.abkit.server;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The base of the system tests: the whole server on a random port and a database of the class's
 * own, reached over real HTTP. Subclasses are {@code @MicronautTest(transactional = false)} and
 * {@code @TestInstance(PER_CLASS)}.
 */
abstract class SystemTest implements FreshDatabase {

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(server.getURI(), json);
    }

    /** An RFC 9457 problem with this status: the content type, the four members, no stack trace. */
    void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        Map<String, Object> problem = api.object(response.body());
        assertThat(problem).containsKeys("type", "title", "status", "detail");
        assertThat(problem.get("status")).isEqualTo(status);
        assertThat(response.body()).doesNotContain("Exception", "\tat ", "at dev.abkit", "at io.micronaut");
    }
}
