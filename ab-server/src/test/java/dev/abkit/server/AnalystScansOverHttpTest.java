package dev.abkit.server;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A window's results scan raw events, and may take longer than the statement timeout of every other request:
 * here the ordinary timeout is cut to 250 ms, and a window over a million events (inserted behind the
 * server's back: two registered devices, half a million purchases each) takes longer than that, yet answers
 * 200 with what the events say.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalystScansOverHttpTest extends SystemTest {

    private static final Duration ORDINARY_TIMEOUT = Duration.ofMillis(250);
    /** Enough that the scan outlasts the ordinary timeout with room on a fast machine (2 x 500,000 took 246 ms once). */
    private static final int EVENTS_PER_DEVICE = 1_500_000;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("abkit.database.statement-timeout", ORDINARY_TIMEOUT.toMillis() + "ms");
        return properties;
    }

    @Test
    void a_window_that_scans_longer_than_the_ordinary_statement_timeout_answers_200() throws SQLException {
        Instant minuteAgo = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        // Not a midnight: a window of whole days is read from counters (V18), without a scan to time.
        Instant before = minuteAgo.equals(minuteAgo.truncatedTo(ChronoUnit.DAYS)) ? minuteAgo.minusSeconds(1) : minuteAgo;
        List<String> devices = List.of("analyst-scan-1", "analyst-scan-2");
        devices.forEach(token -> assertThat(api.device(token).statusCode()).isEqualTo(200));
        // The server creates the days' partitions at start, beside this test: rows sent to the default
        // partition while it does can fail its constraint, so the events go in once the days exist.
        Eventually.within(Duration.ofSeconds(20), "the server created the events' partitions", () -> count("""
                select count(*) from pg_inherits i join pg_class c on c.oid = i.inhrelid
                where i.inhparent = 'event'::regclass and c.relname <> 'event_default'""") > 0);
        try (Connection connection = POSTGRES.connectTo(databaseName()); Statement insert = connection.createStatement()) {
            for (String token : devices) {
                insert.execute("insert into event (device_token, event_id, metric, occurred_at, received_at, amount)"
                        + " select '" + token + "', 'bulk-' || g, 'purchase', now(), now(), 1"
                        + " from generate_series(1, " + EVENTS_PER_DEVICE + ") g");
            }
            insert.execute("analyze event");
        }

        long start = System.nanoTime();
        HttpResponse<String> response = api.admin("GET", Api.ADMIN + "/button_color/results?metric=purchase&from="
                + before, null);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(took).as("the scan outlasted the ordinary timeout, so this proves the analysts' one")
                .isGreaterThan(ORDINARY_TIMEOUT);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> options = (List<Map<String, Object>>) api.object(response.body()).get("options");
        assertThat(options.stream().mapToLong(option -> ((Number) option.get("conversions")).longValue()).sum())
                .isEqualTo(devices.size());
        assertThat(options.stream().map(option -> (Number) option.get("mean")).filter(mean -> mean != null)
                .mapToDouble(Number::doubleValue).max().orElseThrow()).isEqualTo(EVENTS_PER_DEVICE);
    }
}
