package dev.abkit.server;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server that starts on a database without today's partition of raw events (as after a week without any
 * server, or of failed upkeep) attaches it before it takes requests. Rows routed to the default partition
 * while the upkeep attaches their day's fail that partition's constraint, and the batch answered 500: seen
 * twice in CI when the first upkeep only ran on the schedule, beside the first requests. Here the test holds
 * the attach back with a lock of its own: the server must not come up before it can attach, and event batches
 * posted at once the moment it is up are all accepted and stored once, none in the default partition.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventPartitionAtStartUpTest implements FreshDatabase {

    private static final int DEVICES = 8;
    private static final int BATCHES_PER_DEVICE = 25;
    private static final int EVENTS_PER_BATCH = 10;
    /** Far longer than the server takes to come up here (about a second) when nothing holds it back. */
    private static final Duration NOT_UP_WHILE_HELD = Duration.ofSeconds(4);

    @Test
    void a_server_takes_events_only_once_todays_partition_is_attached_and_then_stores_each_once() throws Exception {
        List<String> devices = IntStream.range(0, DEVICES).mapToObj(i -> "start-up-" + i).toList();
        try (EmbeddedServer before = start()) {
            Api api = apiOf(before);
            devices.forEach(api::experimentsOf);
        }
        String today = "event_" + DateTimeFormatter.BASIC_ISO_DATE.format(LocalDate.now(ZoneOffset.UTC));
        sql("drop table " + today);

        List<HttpResponse<String>> answers;
        ExecutorService starter = Executors.newSingleThreadExecutor();
        try (Connection holder = POSTGRES.connectTo(databaseName()); Statement hold = holder.createStatement()) {
            holder.setAutoCommit(false);
            hold.execute("lock table event_default in access share mode"); // ATTACH needs it exclusively
            Future<EmbeddedServer> starting = starter.submit(this::start);
            Eventually.within(Duration.ofSeconds(20), "the server's upkeep waits to attach today's partition",
                    () -> count("select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                            + " and query like 'alter table event attach partition %'") == 1);
            assertThat(isUpWithin(starting, NOT_UP_WHILE_HELD))
                    .as("the server came up while today's partition could not be attached").isFalse();
            holder.rollback();

            try (EmbeddedServer after = starting.get(30, TimeUnit.SECONDS)) {
                assertThat(partitionExists(today)).as("attached before the server took requests").isTrue();
                answers = postAtOnce(apiOf(after), devices);
            }
        } finally {
            starter.shutdownNow();
        }

        assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202));
        long sent = (long) DEVICES * BATCHES_PER_DEVICE * EVENTS_PER_BATCH;
        assertThat(count("select count(*) from event")).isEqualTo(sent);
        assertThat(count("select count(distinct (device_token, event_id)) from event")).isEqualTo(sent);
        assertThat(count("select count(*) from event_default")).as("routed to the default partition").isZero();
    }

    /** Whether the server came up within {@code bound}; one that did is closed, the test having failed. */
    private static boolean isUpWithin(Future<EmbeddedServer> starting, Duration bound) throws Exception {
        try {
            starting.get(bound.toMillis(), TimeUnit.MILLISECONDS).close();
            return true;
        } catch (TimeoutException stillStarting) {
            return false;
        }
    }

    /** Every device's batches, one client per device, all sent as soon as the server is up. */
    private static List<HttpResponse<String>> postAtOnce(Api api, List<String> devices) {
        ExecutorService clients = Executors.newFixedThreadPool(devices.size());
        try {
            List<CompletableFuture<List<HttpResponse<String>>>> sending = devices.stream()
                    .map(device -> CompletableFuture.supplyAsync(() -> batchesOf(api, device), clients)).toList();
            List<HttpResponse<String>> answers = new ArrayList<>();
            sending.forEach(device -> answers.addAll(device.join()));
            return answers;
        } finally {
            clients.shutdownNow();
        }
    }

    private static List<HttpResponse<String>> batchesOf(Api api, String device) {
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int batch = 0; batch < BATCHES_PER_DEVICE; batch++) {
            StringBuilder body = new StringBuilder("{\"events\":[");
            for (int event = 0; event < EVENTS_PER_BATCH; event++) {
                body.append(event == 0 ? "" : ",").append("{\"id\":\"").append(batch).append('-').append(event)
                        .append("\",\"name\":\"purchase\",\"value\":1}");
            }
            answers.add(api.post("/api/v1/events", body.append("]}").toString(), "Device-Token", device,
                    "Content-Type", "application/json"));
        }
        return answers;
    }

    private boolean partitionExists(String table) {
        return count("""
                select count(*) from pg_inherits i join pg_class c on c.oid = i.inhrelid
                where i.inhparent = 'event'::regclass and c.relname = '%s'""".formatted(table)) == 1;
    }

    /**
     * A server on this class's database whose waits for a lock, and for the reply behind it, outlast the lock this
     * test holds: with the usual 1 s and 3 s the start-up's upkeep would give up, and the server start without
     * today's partition, leaving it to the schedule (what a database that is down at start-up gets).
     */
    private EmbeddedServer start() {
        Map<String, Object> properties = new HashMap<>(getProperties());
        properties.put("abkit.database.lock-timeout", "60s");
        properties.put("abkit.database.socket-timeout-seconds", "60");
        return ApplicationContext.run(EmbeddedServer.class, properties, "test");
    }

    private static Api apiOf(EmbeddedServer server) {
        return new Api(server.getURI(), server.getApplicationContext().getBean(JsonMapper.class));
    }
}
