package dev.abkit.server;

import io.micronaut.context.annotation.Value;
import io.micronaut.health.HealthStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.publisher.Mono;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database outage, made by cutting this class's PostgreSQL database off (open sessions ended,
 * new ones refused): requests that need the database answer 503 with Retry-After, a returning
 * device is still answered from memory, health says DOWN, also for the running experiments that can
 * no longer be refreshed; once the database is back, everything works again without a restart.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutageTest extends SystemTest {

    @Inject
    RunningExperimentsHealth runningExperiments;

    @Value("${abkit.cache.running-stale-after}")
    Duration staleAfter;

    @Value("${datasources.default.connection-timeout}")
    long connectionTimeoutMillis;

    @AfterEach
    void databaseBack() {
        POSTGRES.reconnect(databaseName());
    }

    @Test
    void an_outage_gives_503_with_retry_after_and_the_server_recovers_by_itself() {
        Map<String, String> known = api.experimentsOf("known-before-outage");
        assertThat(api.get("/health").statusCode()).isEqualTo(200);

        POSTGRES.cutOff(databaseName());

        api.assertUnavailable(api.device("new-during-outage"));
        api.assertUnavailable(api.admin("GET", Api.ADMIN, null));
        api.assertUnavailable(api.admin("GET", Api.ADMIN + "/price", null));
        api.assertUnavailable(api.createExperiment("""
                {"key":"during_outage","options":[{"value":"a","weight":1}]}"""));
        api.assertUnavailable(api.admin("POST", Api.ADMIN + "/price/stop", null));
        assertThat(api.experimentsOf("known-before-outage")).as("answered from memory").isEqualTo(known);
        HttpResponse<String> health = api.get("/health");
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(api.object(health.body())).containsEntry("status", "DOWN");
        assertThat(api.get("/health/readiness").statusCode()).as("send it no traffic").isEqualTo(503);
        assertThat(api.get("/health/liveness").statusCode()).as("but do not restart it: it recovers by itself")
                .isEqualTo(200);

        POSTGRES.reconnect(databaseName());

        Eventually.within(Duration.ofSeconds(20), "health is UP again", () -> api.get("/health").statusCode() == 200);
        assertThat(api.experimentsOf("new-during-outage")).containsKeys("button_color", "price");
        assertThat(api.admin("GET", Api.ADMIN, null).statusCode()).isEqualTo(200);
        assertThat(api.createExperiment("""
                {"key":"after_outage","options":[{"value":"a","weight":1}]}""").statusCode()).isEqualTo(201);
        assertThat(api.admin("GET", Api.ADMIN + "/during_outage", null).statusCode())
                .as("nothing half-done during the outage").isEqualTo(404);
        assertThat(api.admin("GET", Api.ADMIN + "/price", null).body()).contains("\"status\":\"RUNNING\"");
        assertThat(api.experimentsOf("known-before-outage")).isEqualTo(known);
    }

    @Test
    void running_experiments_that_cannot_be_refreshed_are_reported_down_and_up_again_when_they_can()
            throws InterruptedException {
        Eventually.within(Duration.ofSeconds(20), "running experiments read", () -> runningExperimentsStatus() == HealthStatus.UP);

        POSTGRES.cutOff(databaseName());
        long cut = System.nanoTime();

        Eventually.within(Duration.ofSeconds(20), "reported stale", () -> runningExperimentsStatus() == HealthStatus.DOWN);
        // Stale after the configured time, noticed by the next refresh, which fails within the pool's timeout.
        assertThat(Duration.ofNanos(System.nanoTime() - cut))
                .isLessThan(staleAfter.plusMillis(connectionTimeoutMillis).plusSeconds(2));
        assertThat(api.get("/health").statusCode()).isEqualTo(503);

        POSTGRES.reconnect(databaseName());

        Eventually.within(Duration.ofSeconds(20), "read again", () -> runningExperimentsStatus() == HealthStatus.UP);
    }

    private HealthStatus runningExperimentsStatus() {
        return Mono.from(runningExperiments.getResult()).blockOptional().orElseThrow().getStatus();
    }

}
