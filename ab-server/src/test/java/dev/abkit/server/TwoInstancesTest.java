package dev.abkit.server;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two servers on one database, as behind a load balancer: devices spread over both are still
 * split exactly (R3), an experiment stopped through one disappears from the other's answers
 * within the refresh period of its cache, changing nothing else, and a new device is enrolled
 * into exactly the experiments running when it registers, whichever server changed them (R2); a
 * scheduled start is carried out once, though both servers check for it.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesTest extends TwoServersSystemTest {

    @Test
    @Order(1) // the first devices of a fresh database: counts are exact from slot 0
    void devices_spread_over_two_servers_are_split_exactly() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Map<String, String>>> answers = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                Api server = i % 2 == 0 ? api : other;
                String token = "two-servers-" + i;
                answers.add(pool.submit(() -> server.experimentsOf(token)));
            }
            List<Map<String, String>> all = new ArrayList<>();
            for (Future<Map<String, String>> answer : answers) {
                all.add(answer.get());
            }
            assertThat(Counts.received(all, "button_color")).isEqualTo(Counts.COLOURS_OF_600);
            assertThat(Counts.received(all, "price")).isEqualTo(Counts.PRICES_OF_600);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Order(2)
    void an_experiment_stopped_on_one_server_disappears_from_the_other_within_two_seconds() {
        assertThat(api.createExperiment(AdminApiTest.ONBOARDING.formatted("stopped_elsewhere")).statusCode()).isEqualTo(201);
        Eventually.within(Duration.ofSeconds(5), "the other server serves the new experiment",
                () -> other.experimentsOf("both-servers-device-" + System.nanoTime()).containsKey("stopped_elsewhere"));
        Map<String, String> before = other.experimentsOf("both-servers-device");
        assertThat(before).containsKey("stopped_elsewhere");

        assertThat(api.admin("POST", Api.ADMIN + "/stopped_elsewhere/stop", null).statusCode()).isEqualTo(200);
        long stoppedAt = System.nanoTime();
        Eventually.within(Duration.ofSeconds(5), "the other server no longer serves the stopped experiment",
                () -> !other.experimentsOf("both-servers-device").containsKey("stopped_elsewhere"));

        assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt)).isLessThan(Duration.ofSeconds(2));
        Map<String, String> expected = new LinkedHashMap<>(before);
        expected.remove("stopped_elsewhere");
        assertThat(other.experimentsOf("both-servers-device")).containsExactlyEntriesOf(expected);
        assertThat(api.experimentsOf("both-servers-device")).containsExactlyEntriesOf(expected);
    }

    /**
     * R2 across instances, 1,000 times over: a device first seen on one server right after a create
     * answered on the other takes part in the new experiment, and one first seen right after a stop
     * answered there is not enrolled into the stopped one. No waiting in between.
     */
    @Test
    @Order(3)
    void each_new_device_is_enrolled_into_the_set_the_database_holds_when_it_registers() {
        int missed = 0;
        for (int i = 0; i < 1000; i++) {
            String key = "r2_" + i;
            assertThat(api.createExperiment(AdminApiTest.ONBOARDING.formatted(key)).statusCode()).isEqualTo(201);
            if (!other.experimentsOf("created-" + i).containsKey(key)) {
                missed++;
            }
            assertThat(api.admin("POST", Api.ADMIN + "/" + key + "/stop", null).statusCode()).isEqualTo(200);
            assertThat(other.experimentsOf("stopped-" + i)).doesNotContainKey(key);
        }

        assertThat(missed).as("new devices that missed an experiment created just before").isZero();
        List<Map<String, Object>> experiments = listOf(api.object(api.admin("GET", "/api/v1/stats", null).body()));
        assertThat(experiments.stream().filter(experiment -> ((String) experiment.get("key")).startsWith("r2_")))
                .as("each enrolled exactly its one device created after it and none after its stop")
                .hasSize(1000)
                .allSatisfy(experiment -> assertThat(experiment.get("devices")).isEqualTo(1));
    }

    /**
     * Both servers check every 250 ms for due starts: the start happens once, by one of them, with one
     * startedAt that both then show, and the catalog version moves once for it; within a second of its
     * instant both enrol new devices into it.
     */
    @Test
    @Order(4)
    void a_due_start_is_carried_out_exactly_once_by_two_servers() throws SQLException {
        Instant startAt = Instant.now().plusMillis(1200);
        assertThat(api.createExperiment(LifecycleTest.SCHEDULED.formatted("two_scheduled", startAt,
                startAt.plusSeconds(3600), "STOP")).statusCode()).isEqualTo(201);
        long versionAfterCreate = catalogVersion();

        AtomicInteger probes = new AtomicInteger();
        Eventually.within(Duration.ofSeconds(5), "both servers enrol new devices into the experiment",
                () -> api.experimentsOf("two-scheduled-" + probes.incrementAndGet()).containsKey("two_scheduled")
                        && other.experimentsOf("two-scheduled-" + probes.incrementAndGet()).containsKey("two_scheduled"));
        assertThat(Duration.between(startAt, Instant.now())).as("both within a second of the instant")
                .isLessThan(Duration.ofSeconds(1));
        assertThat(Instant.parse((String) experimentOn(api).get("startedAt")))
                .isAfterOrEqualTo(startAt).isBefore(startAt.plusSeconds(1));
        // Let each server check several more times: a second start would move the version again.
        Instant later = Instant.now().plusMillis(750);
        Eventually.within(Duration.ofSeconds(2), "a few more checks pass", () -> Instant.now().isAfter(later));

        assertThat(experimentOn(other).get("startedAt")).isEqualTo(experimentOn(api).get("startedAt"));
        assertThat(catalogVersion()).isEqualTo(versionAfterCreate + 1);
    }

    private static Map<String, Object> experimentOn(Api server) {
        return server.object(server.admin("GET", Api.ADMIN + "/two_scheduled", null).body());
    }

    private long catalogVersion() throws SQLException {
        try (Connection connection = DriverManager.getConnection(POSTGRES.urlOf(databaseName()), POSTGRES.user(), "");
             Statement statement = connection.createStatement();
             ResultSet version = statement.executeQuery("select version from experiment_catalog where id = 1")) {
            version.next();
            return version.getLong(1);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> listOf(Map<String, Object> stats) {
        return (List<Map<String, Object>>) stats.get("experiments");
    }
}
