package dev.abkit.server;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A start that came due while no server ran is carried out by the first check of the next server to
 * start: with the instant it really started, from which on new devices join (R2).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScheduleAfterRestartTest implements FreshDatabase {

    @Test
    void a_start_due_while_no_server_ran_happens_right_after_the_next_start_up() {
        Instant startAt;
        try (EmbeddedServer before = ApplicationContext.run(EmbeddedServer.class, new HashMap<String, Object>(getProperties()), "test")) {
            Api api = apiOf(before);
            assertThat(api.createExperiment(LifecycleTest.DRAFT.formatted("restart_scheduled")).statusCode()).isEqualTo(201);
            startAt = Instant.now().plusMillis(800);
            HttpResponse<String> scheduled = api.admin("POST", Api.ADMIN + "/restart_scheduled/schedule",
                    "{\"startAt\":\"" + startAt + "\"}");
            assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(200);
            assertThat(api.object(scheduled.body())).containsEntry("status", "SCHEDULED");
        }
        Instant passed = startAt.plusMillis(500);
        Eventually.within(Duration.ofSeconds(5), "the start instant passes while no server runs",
                () -> Instant.now().isAfter(passed));

        Instant startingUp = Instant.now();
        try (EmbeddedServer after = ApplicationContext.run(EmbeddedServer.class, new HashMap<String, Object>(getProperties()), "test")) {
            Api api = apiOf(after);
            Eventually.within(Duration.ofSeconds(1), "the restarted server starts the experiment",
                    () -> "RUNNING".equals(api.object(api.admin("GET", Api.ADMIN + "/restart_scheduled", null).body())
                            .get("status")));

            Map<String, Object> started = api.object(api.admin("GET", Api.ADMIN + "/restart_scheduled", null).body());
            assertThat(Instant.parse((String) started.get("startedAt"))).isAfter(startingUp);
            assertThat(api.experimentsOf("restart-device")).containsKey("restart_scheduled");
        }
    }

    private static Api apiOf(EmbeddedServer server) {
        return new Api(server.getURI(), server.getApplicationContext().getBean(JsonMapper.class));
    }
}
