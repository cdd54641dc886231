package dev.abkit.server;

import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's quick start over HTTP: the server started without any setting, as
 * {@code java -jar ab-server.jar} starts it, so on the default embedded database, an H2 file under
 * {@code ./data} (here below a fresh working directory), and with a generated admin token that only
 * its log tells. 600 new devices are split exactly; after a stop and a start on the same file,
 * every one of them gets the same answer and the counts have not moved.
 */
class QuickStartOnH2Test {

    static final Pattern LOGGED_TOKEN = Pattern.compile("this run's admin token is (\\S+) ");

    @TempDir
    Path workingDirectory;

    private final JsonMapper json = JsonMapper.createDefault();

    @Test
    void six_hundred_devices_are_split_exactly_and_a_restart_keeps_every_assignment() throws Exception {
        List<String> devices = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            devices.add("quick-start-device-" + i);
        }

        Map<String, Map<String, String>> first;
        try (ServerProcess server = ServerProcess.start(workingDirectory, Map.of())) {
            Api api = new Api(server.uri(), json);
            first = api.experimentsOfEach(devices, 16);
            assertThat(Counts.received(first.values(), "button_color")).isEqualTo(Counts.COLOURS_OF_600);
            assertThat(Counts.received(first.values(), "price")).isEqualTo(Counts.PRICES_OF_600);
            assertStatisticsCountSixHundred(api, server);
            server.stop();
        }
        assertThat(workingDirectory.resolve("data/abkit.mv.db")).as("the default database file").isRegularFile();

        try (ServerProcess restarted = ServerProcess.start(workingDirectory, Map.of())) {
            Api api = new Api(restarted.uri(), json);

            assertThat(api.experimentsOfEach(devices, 16)).isEqualTo(first);
            assertStatisticsCountSixHundred(api, restarted);
        }
    }

    /** Read with the token this run generated, taken from its log as the README says. */
    private static void assertStatisticsCountSixHundred(Api api, ServerProcess server) {
        Matcher logged = LOGGED_TOKEN.matcher(server.log());
        assertThat(logged.find()).as("the generated admin token is logged:%n%s", server.log()).isTrue();
        String token = logged.group(1);
        assertThat(logged.find()).as("and logged once").isFalse();

        Map<String, Object> stats = api.object(api.get("/api/v1/stats", "Authorization", "Bearer " + token).body());

        assertThat(stats.get("devices")).isEqualTo(600);
        assertThat(Counts.inStatistics(stats, "button_color")).isEqualTo(Counts.COLOURS_OF_600);
        assertThat(Counts.inStatistics(stats, "price")).isEqualTo(Counts.PRICES_OF_600);
    }
}
