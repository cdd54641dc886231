package dev.abkit.server;

import ch.qos.logback.classic.Level;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts and ends (CLOSE and STOP) that fall due while this class's PostgreSQL database is cut off for
 * about a second: the server carries each out once, within a second or so of the database being back,
 * without a restart. A start counts from the instant it really happened, after the outage, so R2
 * holds: only devices first seen from then on join. The failing check is logged once when it starts
 * failing and once when it runs again, not at every check.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScheduleOutageTest extends SystemTest {

    /**
     * The next check (every 250 ms) once the pool has a connection again. The pool (HikariCP) retries
     * connecting with a backoff that doubles from 10 ms up to 5 s, so it may notice the database back
     * up to about as long after as the outage lasted: 0.15-0.8 s here after an outage of about a second,
     * but 4.1 s after one of 15 s (measured).
     */
    private static final Duration AFTER_RECONNECT = Duration.ofSeconds(2);

    @AfterEach
    void databaseBack() {
        POSTGRES.reconnect(databaseName());
    }

    @Test
    void starts_and_ends_due_during_an_outage_happen_once_right_after_the_database_is_back() {
        assertThat(api.createExperiment(AdminApiTest.ONBOARDING.formatted("outage_close")).statusCode()).isEqualTo(201);
        assertThat(api.createExperiment(AdminApiTest.ONBOARDING.formatted("outage_stop")).statusCode()).isEqualTo(201);
        Map<String, String> enrolled = api.experimentsOf("outage-enrolled");
        assertThat(enrolled).containsKeys("outage_close", "outage_stop");
        Instant due = Instant.now().plusMillis(3000).truncatedTo(ChronoUnit.MILLIS);
        assertThat(api.createExperiment(LifecycleTest.SCHEDULED.formatted("outage_start", due,
                due.plusSeconds(3600), "STOP")).statusCode()).isEqualTo(201);
        // Started and closed in the same check after the outage: it never takes a device.
        assertThat(api.createExperiment(LifecycleTest.SCHEDULED.formatted("outage_both", due,
                due.plusMillis(300), "CLOSE")).statusCode()).isEqualTo(201);
        assertEnd("outage_close", due, "CLOSE");
        assertEnd("outage_stop", due, "STOP");
        assertThat(api.experimentsOf("outage-seen-while-scheduled")).doesNotContainKeys("outage_start", "outage_both");
        Instant shortlyBefore = due.minusMillis(300);
        Eventually.within(Duration.ofSeconds(5), "shortly before the instants", () -> Instant.now().isAfter(shortlyBefore));

        try (CapturedLines log = CapturedLines.of(ScheduleTimer.class.getName(), Level.INFO)) {
            POSTGRES.cutOff(databaseName());
            assertThat(Instant.now()).as("cut off before the instants came").isBefore(due);
            api.assertUnavailable(api.device("outage-refused"));
            Eventually.within(Duration.ofSeconds(3), "the check for due schedules fails",
                    () -> log.lines().stream().anyMatch(line -> line.message().contains("fails")));
            Instant overdue = due.plusMillis(400);
            Eventually.within(Duration.ofSeconds(5), "all instants pass while the database is cut off",
                    () -> Instant.now().isAfter(overdue));

            Instant reconnecting = Instant.now();
            POSTGRES.reconnect(databaseName());
            long back = System.nanoTime();

            Duration untilStarted = untilStatus("outage_start", "RUNNING", back);
            Duration untilClosed = untilStatus("outage_close", "CLOSED", back);
            Duration untilStopped = untilStatus("outage_stop", "STOPPED", back);
            Duration untilBoth = untilStatus("outage_both", "CLOSED", back);
            Instant seenStarted = Instant.now();
            assertThat(untilStarted).isLessThan(AFTER_RECONNECT);
            assertThat(untilClosed).isLessThan(AFTER_RECONNECT);
            assertThat(untilStopped).isLessThan(AFTER_RECONNECT);
            assertThat(untilBoth).isLessThan(AFTER_RECONNECT);

            // R2 counts from the instant it really started: after the outage, not the planned instant.
            Map<String, Object> started = experiment("outage_start");
            Instant startedAt = Instant.parse((String) started.get("startedAt"));
            assertThat(startedAt).isAfter(reconnecting).isBefore(seenStarted);
            assertThat(Instant.parse((String) started.get("startAt"))).as("the planned instant kept").isEqualTo(due);
            Instant bothStartedAt = Instant.parse((String) experiment("outage_both").get("startedAt"));
            assertThat(bothStartedAt).isAfter(reconnecting).isBefore(seenStarted);

            Map<String, String> afterStart = api.experimentsOf("outage-first-seen-after-start");
            assertThat(afterStart).containsKey("outage_start")
                    .doesNotContainKeys("outage_close", "outage_stop", "outage_both");
            assertThat(api.experimentsOf("outage-seen-while-scheduled")).doesNotContainKeys("outage_start", "outage_both");
            assertThat(api.experimentsOf("outage-enrolled"))
                    .containsEntry("outage_close", enrolled.get("outage_close"))
                    .doesNotContainKeys("outage_stop", "outage_start");

            // A few more checks on an experiment that is done with: none may change it again.
            Instant later = Instant.now().plusMillis(750);
            Eventually.within(Duration.ofSeconds(2), "a few more checks pass", () -> Instant.now().isAfter(later));
            assertThat(experiment("outage_start").get("startedAt")).isEqualTo(started.get("startedAt"));
            assertThat(log.lines().stream().map(CapturedLines.Line::message).filter(line -> line.endsWith("as scheduled")))
                    .containsExactlyInAnyOrder("experiment outage_start is RUNNING as scheduled",
                            "experiment outage_close is CLOSED as scheduled",
                            "experiment outage_stop is STOPPED as scheduled",
                            "experiment outage_both is CLOSED as scheduled");
            assertThat(log.lines().stream().map(CapturedLines.Line::message).filter(line -> !line.endsWith("as scheduled")))
                    .as("the failing check, once when it fails and once when it runs again, not every 250 ms")
                    .satisfiesExactly(
                            failing -> assertThat(failing).startsWith("the check for due schedules fails"),
                            recovered -> assertThat(recovered).isEqualTo("the check for due schedules runs again"));
        }
    }

    private void assertEnd(String key, Instant endAt, String endAction) {
        HttpResponse<String> edited = api.admin("PATCH", Api.ADMIN + "/" + key,
                "{\"endAt\":\"" + endAt + "\",\"endAction\":\"" + endAction + "\"}");
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        assertThat(api.object(edited.body())).containsEntry("status", "RUNNING").containsEntry("endAction", endAction);
    }

    /** Polls until the experiment has {@code status}; @return how long after {@code since} (nanoTime) that was seen */
    private Duration untilStatus(String key, String status, long since) {
        Eventually.within(Duration.ofSeconds(10), key + " becomes " + status, () -> status.equals(status(key)));
        return Duration.ofNanos(System.nanoTime() - since);
    }

    /** Its status, or null while the admin API cannot read it (503 during the outage). */
    private String status(String key) {
        HttpResponse<String> response = api.admin("GET", Api.ADMIN + "/" + key, null);
        return response.statusCode() == 200 ? (String) api.object(response.body()).get("status") : null;
    }

    private Map<String, Object> experiment(String key) {
        HttpResponse<String> response = api.admin("GET", Api.ADMIN + "/" + key, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return api.object(response.body());
    }
}
