package dev.abkit.server;

import dev.abkit.persistence.MetricCounterCheck;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events sent to a server killed with SIGKILL while their batches wait inside their transactions: none of
 * them is stored in part, the app's retry of the same batches on another server stores each event once,
 * a second retry stores nothing, and the whole-life counters equal what the stored events give, and the day-pair
 * counters over every day equal the whole-life ones.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerKilledMidIngestTest extends SystemTest {

    private static final int DEVICES = 6;
    private static final int EVENTS_PER_BATCH = 10;

    @TempDir
    Path serverDirectory;

    private ServerProcess killed;

    @AfterAll
    void noChildLeft() throws InterruptedException {
        if (killed != null) {
            killed.close();
        }
    }

    @Test
    void batches_cut_off_by_a_killed_server_are_stored_whole_once_on_retry_and_counted_exactly() throws Exception {
        List<String> devices = new ArrayList<>();
        for (int i = 0; i < DEVICES; i++) {
            String token = "ingest-killed-" + i;
            assertThat(api.experimentsOf(token)).containsKeys("button_color", "price");
            devices.add(token);
        }
        assertThat(events(api, devices.get(0), batch("before-0")).statusCode()).isEqualTo(202);

        serverKilledMidIngest(devices);

        assertThat(count("select count(*) from event where event_id like 'killed-%'")).as("events of the cut-off batches").isZero();
        assertThat(count("select count(*) from event_key where event_id like 'killed-%'")).as("their ids").isZero();
        for (String device : devices) {
            HttpResponse<String> retried = events(api, device, batch("killed-" + device));
            assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
            assertThat(api.object(retried.body())).isEqualTo(Map.of("accepted", EVENTS_PER_BATCH, "duplicates", 0));
            HttpResponse<String> again = events(api, device, batch("killed-" + device));
            assertThat(api.object(again.body())).isEqualTo(Map.of("accepted", 0, "duplicates", EVENTS_PER_BATCH));
        }
        assertThat(count("select count(*) from event where event_id like 'killed-%'")).isEqualTo((long) DEVICES * EVENTS_PER_BATCH);
        assertThat(count("select count(*) - count(distinct (device_token, event_id)) from event")).as("stored twice").isZero();
        assertThat(count(MetricCounterCheck.DIFFERING)).as("counters that differ from the stored events").isZero();
        assertThat(count(MetricCounterCheck.DAY_PAIRS_DIFFERING)).as("day-pair counters that differ from them")
                .isZero();
        assertThat(count(MetricCounterCheck.DAY_PAIR_LINKS_DIFFERING)).as("links between event days that differ")
                .isZero();
        assertThat(count("select sum(converters) from metric_count where experiment_key = 'price' and metric = 'purchase'"))
                .isEqualTo(DEVICES);
    }

    /** A second server in a JVM of its own, killed while its batches wait inside their transactions. */
    private void serverKilledMidIngest(List<String> devices) throws Exception {
        sql("""
                create function stall() returns trigger language plpgsql as $$
                begin
                    if new.event_id like 'killed-%-1' then perform pg_sleep(3); end if; -- a batch's first id
                    return new;
                end $$""");
        sql("create trigger stall before insert on event_key for each row execute function stall()");
        killed = ServerProcess.start(serverDirectory, Map.of(
                "AB_DB_URL", POSTGRES.urlOf(databaseName()),
                "AB_DB_USER", POSTGRES.user(),
                "AB_ADMIN_TOKEN", Api.ADMIN_TOKEN));
        Api second = new Api(killed.uri(), json);

        ExecutorService senders = Executors.newFixedThreadPool(devices.size());
        try {
            for (String device : devices) {
                CompletableFuture.runAsync(() -> {
                    try {
                        events(second, device, batch("killed-" + device));
                    } catch (RuntimeException expected) {
                        // the server dies under this request
                    }
                }, senders);
            }
            Eventually.within(Duration.ofSeconds(20), "batches stalled inside their transactions",
                    () -> count("select count(*) from pg_stat_activity where query like 'insert into event_key%'"
                            + " and state = 'active'") >= 2);
            killed.kill();
        } finally {
            senders.shutdownNow();
        }
        Eventually.within(Duration.ofSeconds(20), "the killed server's transactions ended",
                () -> count("select count(*) from pg_stat_activity where query like 'insert into event_key%'") == 0);
        sql("drop trigger stall on event_key");
    }

    /** Ten events with ids of this prefix: opens, and two purchases with values. */
    private static String batch(String prefix) {
        List<String> events = new ArrayList<>();
        for (int k = 1; k <= EVENTS_PER_BATCH; k++) {
            events.add(k % 5 == 0
                    ? "{\"id\":\"" + prefix + "-" + k + "\",\"name\":\"purchase\",\"value\":" + (k / 5) + ".25}"
                    : "{\"id\":\"" + prefix + "-" + k + "\",\"name\":\"open\"}");
        }
        return "{\"events\":[" + String.join(",", events) + "]}";
    }

    private static HttpResponse<String> events(Api api, String device, String body) {
        return api.post("/api/v1/events", body, "Device-Token", device, "Content-Type", "application/json");
    }
}
