package dev.abkit.server;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code AB_LOG_FORMAT=json}, on a server started as the jar starts it (with its logback.xml): every
 * line it writes, from start to stop, is one JSON object, and a request's access line carries its
 * request id in {@code mdc.requestId}.
 */
class JsonLogsTest {

    @TempDir
    Path workingDirectory;

    private final JsonMapper json = JsonMapper.createDefault();

    @Test
    void every_line_is_a_json_object_and_a_requests_line_has_its_id() throws Exception {
        String log;
        try (ServerProcess server = ServerProcess.startWithShippedLogging(workingDirectory,
                Map.of("AB_LOG_FORMAT", "json", "LOGGER_LEVELS_ABKIT_ACCESS", "INFO"))) {
            Api api = new Api(server.uri(), json);
            assertThat(api.get(Api.EXPERIMENTS, "Device-Token", "json-log-device", "X-Request-Id", "json-log-id")
                    .statusCode()).isEqualTo(200);
            server.stop();
            log = server.log();
        }

        List<Map<String, Object>> lines = new ArrayList<>();
        for (String line : log.split("\n")) {
            lines.add(object(line));
        }
        assertThat(lines).as(log).isNotEmpty().allSatisfy(line ->
                assertThat(line).containsKeys("timestamp", "level", "loggerName", "formattedMessage", "mdc"));
        assertThat(lines).anySatisfy(line -> assertThat(line.get("formattedMessage")).asString()
                .startsWith("AB_ADMIN_TOKEN is not set"));
        assertThat(lines).anySatisfy(line -> {
            assertThat(line).containsEntry("loggerName", "abkit.access").containsEntry("mdc", Map.of("requestId", "json-log-id"));
            assertThat(line.get("formattedMessage")).asString().startsWith("GET /api/v1/experiments 200 ");
        });
    }

    private Map<String, Object> object(String line) {
        try {
            return json.readValue(line, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new AssertionError("not a JSON object: " + line, e);
        }
    }
}
