package dev.abkit.server;

import ch.qos.logback.classic.Level;
import dev.abkit.http.problem.DomainProblemHandler;
import dev.abkit.persistence.PostgresServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database that stops answering without closing a connection, made by a {@link TcpProxy} between
 * the server and PostgreSQL: every request is still answered, 503 with Retry-After within the bound
 * that the timeouts set (at once for those that find the blocking executor's short queue full), a
 * device in memory is still served, and once the network is back the server recovers by itself, with
 * no half-registered device. A registration whose commit reached the database but whose reply was
 * lost is answered 503 although it is stored, and a retry then gets exactly what was stored: what
 * docs/api.md promises after a 503. Event batches alike: 503 within the bound while it hangs, and a retry
 * stores each event once, whether the first try was lost or committed without its reply.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HangingDatabaseTest {

    private static final PostgresServer POSTGRES = FreshDatabase.POSTGRES;
    /** Room for a machine shared with other builds: the server's own bound is computed from its settings. */
    private static final Duration SLACK = Duration.ofSeconds(2);
    private static final int NEW_DEVICES = 24;
    private static final int MAX_QUEUED = 4;
    private static final int EVENTS_PER_BATCH = 5;

    private String database;
    private TcpProxy proxy;
    private EmbeddedServer server;
    private Api api;
    private Duration bound;
    private final ExecutorService clients = Executors.newFixedThreadPool(NEW_DEVICES + 8);

    @BeforeAll
    void startServerBehindProxy() throws IOException {
        database = POSTGRES.createDatabase();
        URI direct = URI.create(POSTGRES.urlOf(database).substring("jdbc:".length()));
        proxy = TcpProxy.to(new InetSocketAddress(direct.getHost(), direct.getPort()), Duration.ofMinutes(10));
        // Unnamed statements only, so that every COMMIT travels as text the proxy can recognise.
        String query = direct.getQuery() == null ? "" : direct.getQuery() + "&";
        String proxied = "jdbc:postgresql://127.0.0.1:" + proxy.port() + direct.getPath() + "?" + query + "prepareThreshold=0";
        server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "datasources.default.url", proxied,
                "datasources.default.username", POSTGRES.user(),
                "datasources.default.password", "",
                // 8 threads and 4 places in the queue: most of the 24 new devices find it full.
                "abkit.max-queued-requests", MAX_QUEUED), "test");
        api = new Api(server.getURI(), server.getApplicationContext().getBean(JsonMapper.class));
        bound = answerBound(server.getApplicationContext().getEnvironment());
    }

    @AfterAll
    void stop() {
        clients.shutdownNow();
        server.close();
        proxy.close();
        POSTGRES.dropDatabase(database);
    }

    @BeforeEach
    void networkBack() throws InterruptedException {
        proxy.forward();
        Eventually.within(Duration.ofSeconds(30), "a new device registers", () -> api.device("probe-" + System.nanoTime()).statusCode() == 200);
    }

    @Test
    void requests_get_503_within_the_bound_while_the_database_hangs_and_the_server_recovers_by_itself()
            throws Exception {
        Map<String, String> known = api.experimentsOf("known-before-hang");
        Scrape before = scrape();
        CapturedLines problems = CapturedLines.of(DomainProblemHandler.class.getName(), Level.WARN);

        proxy.swallow();
        List<Future<Timed>> mobile = new ArrayList<>();
        for (int i = 0; i < NEW_DEVICES; i++) {
            String token = "new-during-hang-" + i;
            mobile.add(clients.submit(() -> Timed.of(() -> api.device(token))));
        }
        List<Future<Timed>> admin = List.of(
                clients.submit(() -> Timed.of(() -> api.admin("GET", Api.ADMIN, null))),
                clients.submit(() -> Timed.of(() -> api.admin("GET", Api.ADMIN + "/price", null))));
        Future<Timed> health = clients.submit(() -> Timed.of(() -> api.get("/health")));
        Timed fromMemory = Timed.of(() -> api.device("known-before-hang"));

        assertThat(fromMemory.response().statusCode()).isEqualTo(200);
        assertThat(api.flat(fromMemory.response().body())).as("answered from memory").isEqualTo(known);
        for (Future<Timed> answer : mobile) {
            Timed timed = answer.get();
            api.assertUnavailable(timed.response());
            assertThat(timed.took()).as("a new device's answer").isLessThan(bound.plus(SLACK));
        }
        for (Future<Timed> answer : admin) {
            Timed timed = answer.get();
            api.assertUnavailable(timed.response());
            // Admin calls wait their turn without a deadline of their own: at most one more bound.
            assertThat(timed.took()).as("an admin answer").isLessThan(bound.multipliedBy(2).plus(SLACK));
        }
        Timed down = health.get();
        assertThat(down.response().statusCode()).isEqualTo(503);
        assertThat(api.object(down.response().body())).containsEntry("status", "DOWN");
        assertThat(down.took()).as("the health answer").isLessThan(bound.multipliedBy(2).plus(SLACK));
        problems.close();
        assertRefusalsCountedAndLoggedWithTheirIds(before, scrape(), answered(mobile, admin), problems);

        proxy.forward();

        Eventually.within(Duration.ofSeconds(30), "new devices register again", () -> api.device("new-after-hang-" + System.nanoTime()).statusCode() == 200);
        for (int i = 0; i < NEW_DEVICES; i++) {
            String token = "new-during-hang-" + i;
            assertThat(api.experimentsOf(token)).as(token).isEqualTo(stored(token)).containsKeys("button_color", "price");
        }
        assertThat(api.admin("GET", Api.ADMIN, null).statusCode()).isEqualTo(200);
        Eventually.within(Duration.ofSeconds(30), "health is UP again", () -> api.get("/health").statusCode() == 200);
        assertThat(api.experimentsOf("known-before-hang")).isEqualTo(known);
        assertNothingHalfRegistered();
    }

    /** A person at the statistics pages reads a page saying to try again, not the JSON problem the API answers. */
    @Test
    void the_statistics_pages_are_503_pages_while_the_database_hangs_and_open_again_after() throws Exception {
        String results = "/stats/experiments/price/results?metric=purchase";
        proxy.swallow();
        List<Future<Timed>> pages = List.of(
                clients.submit(() -> Timed.of(() -> api.get("/stats", "Authorization", "Bearer " + Api.ADMIN_TOKEN))),
                clients.submit(() -> Timed.of(() -> api.get(results, "Authorization", "Bearer " + Api.ADMIN_TOKEN))));
        for (Future<Timed> answer : pages) {
            HttpResponse<String> page = answer.get().response();
            assertThat(page.statusCode()).as(page.body()).isEqualTo(503);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/html"));
            assertThat(page.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(page.body()).contains("<h1>Try again in a moment</h1>").doesNotContain("urn:abkit", "{\"");
            assertThat(answer.get().took()).isLessThan(bound.multipliedBy(2).plus(SLACK));
        }

        proxy.forward();

        Eventually.within(Duration.ofSeconds(30), "the results page opens again",
                () -> api.get(results, "Authorization", "Bearer " + Api.ADMIN_TOKEN).statusCode() == 200);
        assertThat(api.get("/stats", "Authorization", "Bearer " + Api.ADMIN_TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void a_registration_whose_commit_reply_is_lost_gets_503_and_a_retry_gets_what_was_stored() throws Exception {
        proxy.swallowAfter("COMMIT");
        List<String> tokens = List.of("lost-reply-1", "lost-reply-2", "lost-reply-3", "lost-reply-4");
        List<Future<Timed>> answers = new ArrayList<>();
        for (String token : tokens) {
            answers.add(clients.submit(() -> Timed.of(() -> api.device(token))));
        }
        for (Future<Timed> answer : answers) {
            Timed timed = answer.get();
            api.assertUnavailable(timed.response());
            assertThat(timed.took()).isLessThan(bound.plus(SLACK));
        }

        proxy.forward();

        for (String token : tokens) {
            Map<String, String> stored = stored(token);
            assertThat(stored).as("stored although answered 503").containsKeys("button_color", "price");
            assertThat(api.experimentsOf(token)).as(token).isEqualTo(stored);
            assertThat(api.experimentsOf(token)).as(token).isEqualTo(stored);
        }
        assertNothingHalfRegistered();
    }

    @Test
    void event_batches_get_503_while_the_database_hangs_and_their_retry_stores_each_event_once() throws Exception {
        List<String> devices = List.of("events-hang-1", "events-hang-2", "events-hang-3");
        devices.forEach(api::experimentsOf);

        proxy.swallow();
        List<Future<Timed>> answers = new ArrayList<>();
        for (String device : devices) {
            answers.add(clients.submit(() -> Timed.of(() -> events(device, "hang-" + device))));
        }
        for (Future<Timed> answer : answers) {
            Timed timed = answer.get();
            api.assertUnavailable(timed.response());
            assertThat(timed.took()).as("an event batch's answer").isLessThan(bound.plus(SLACK));
        }

        proxy.forward();

        for (String device : devices) {
            HttpResponse<String> retried = retriedUntilAccepted(device, "hang-" + device);
            assertThat(api.object(retried.body())).isEqualTo(Map.of("accepted", EVENTS_PER_BATCH, "duplicates", 0));
            assertThat(storedEvents("hang-" + device)).isEqualTo(EVENTS_PER_BATCH);
        }
    }

    @Test
    void an_event_batch_whose_commit_reply_is_lost_gets_503_and_its_retry_finds_it_stored() throws Exception {
        String device = "events-lost-reply";
        api.experimentsOf(device);

        proxy.swallowAfter("COMMIT");
        Timed lost = Timed.of(() -> events(device, "lost-"));
        api.assertUnavailable(lost.response());
        assertThat(lost.took()).isLessThan(bound.plus(SLACK));

        proxy.forward();

        assertThat(storedEvents("lost-")).as("stored although answered 503").isEqualTo(EVENTS_PER_BATCH);
        HttpResponse<String> retried = retriedUntilAccepted(device, "lost-");
        assertThat(api.object(retried.body())).isEqualTo(Map.of("accepted", 0, "duplicates", EVENTS_PER_BATCH));
        assertThat(storedEvents("lost-")).isEqualTo(EVENTS_PER_BATCH);
    }

    /** A batch of {@link #EVENTS_PER_BATCH} events with ids of this prefix. */
    private HttpResponse<String> events(String device, String idPrefix) {
        List<String> events = new ArrayList<>();
        for (int k = 1; k <= EVENTS_PER_BATCH; k++) {
            events.add("{\"id\":\"" + idPrefix + k + "\",\"name\":\"open\"}");
        }
        return api.post("/api/v1/events", "{\"events\":[" + String.join(",", events) + "]}",
                "Device-Token", device, "Content-Type", "application/json");
    }

    /** The app's retries: the pool replaces the connections the hang broke, meanwhile the answer is 503. */
    private HttpResponse<String> retriedUntilAccepted(String device, String idPrefix) {
        List<HttpResponse<String>> last = new ArrayList<>(List.of(events(device, idPrefix)));
        Eventually.within(Duration.ofSeconds(30), "the retried batch is accepted", () -> {
            HttpResponse<String> answer = last.get(0);
            if (answer.statusCode() == 202) {
                return true;
            }
            api.assertUnavailable(answer);
            last.set(0, events(device, idPrefix));
            return false;
        });
        return last.get(0);
    }

    /** The events stored with ids of this prefix, read past the proxy. */
    private int storedEvents(String idPrefix) throws SQLException {
        try (Connection connection = POSTGRES.connectTo(database);
             PreparedStatement select = connection.prepareStatement("select count(*) from event where event_id like ?")) {
            select.setString(1, idPrefix + "%");
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /**
     * {@code /metrics} answers while the database hangs, and counts the requests refused for a full
     * queue (the health check's probe may be one more) and for a wait too long, as their 503s tell; the
     * warning logged for each 503 carries the id of its request.
     */
    private void assertRefusalsCountedAndLoggedWithTheirIds(Scrape before, Scrape after, List<HttpResponse<String>> answers,
                                                           CapturedLines problems) {
        long queueFull = answers.stream().filter(answer -> answer.body().contains("too many requests are waiting")).count();
        long queueWait = answers.stream().filter(answer -> answer.body().contains("ms for a database thread")).count();
        assertThat(queueFull).as("most of the new devices find the queue full").isPositive();
        String full = "reason=\"queue_full\"";
        String wait = "reason=\"queue_wait\"";
        assertThat(after.sum("abkit_requests_refused_total", full) - before.sum("abkit_requests_refused_total", full))
                .isBetween((double) queueFull, queueFull + 1.0);
        assertThat(after.sum("abkit_requests_refused_total", wait) - before.sum("abkit_requests_refused_total", wait))
                .isEqualTo(queueWait);

        assertThat(answers).as("every 503 carries one request id, the refused ones made outside the filters too")
                .allSatisfy(answer -> assertThat(answer.headers().allValues("X-Request-Id")).hasSize(1));
        List<String> ids = answers.stream().map(answer -> answer.headers().firstValue("X-Request-Id").orElseThrow()).toList();
        assertThat(problems.lines()).as("a warning per 503").hasSizeGreaterThanOrEqualTo(answers.size())
                .allSatisfy(line -> assertThat(line.requestId()).as(line.message()).isNotNull());
        assertThat(problems.lines()).extracting(CapturedLines.Line::requestId).containsAll(ids);
    }

    private Scrape scrape() {
        HttpResponse<String> metrics = api.get("/metrics", "Authorization", "Bearer " + Api.ADMIN_TOKEN);
        assertThat(metrics.statusCode()).as(metrics.body()).isEqualTo(200);
        return Scrape.of(metrics.body());
    }

    private static List<HttpResponse<String>> answered(List<Future<Timed>> mobile, List<Future<Timed>> admin)
            throws Exception {
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (Future<Timed> answer : mobile) {
            answers.add(answer.get().response());
        }
        for (Future<Timed> answer : admin) {
            answers.add(answer.get().response());
        }
        return answers;
    }

    /**
     * How long a request that needs the database may take when it stops answering: the wait for a
     * thread, then for a pooled connection (and the check that it is alive), then for one reply.
     */
    private static Duration answerBound(Environment environment) {
        Duration queue = environment.getRequiredProperty("abkit.max-queue-wait", Duration.class);
        long connectionMillis = environment.getRequiredProperty("datasources.default.connection-timeout", Long.class);
        long validationMillis = environment.getRequiredProperty("datasources.default.validation-timeout", Long.class);
        long socketSeconds = environment.getRequiredProperty("abkit.database.socket-timeout-seconds", Long.class);
        return queue.plusMillis(connectionMillis).plusMillis(validationMillis).plusSeconds(socketSeconds);
    }


    /** Every device has one assignment per experiment (both shipped ones run throughout), and is counted once. */
    private void assertNothingHalfRegistered() throws SQLException {
        try (Connection connection = POSTGRES.connectTo(database); Statement statement = connection.createStatement()) {
            ResultSet incomplete = statement.executeQuery("""
                    select d.token from device d left join assignment a on a.device_token = d.token
                    group by d.token having count(a.experiment_key) <> 2""");
            assertThat(incomplete.next()).as("a half-registered device").isFalse();
            ResultSet counted = statement.executeQuery(
                    "select (select sum(devices) from device_count), (select count(*) from device)");
            counted.next();
            assertThat(counted.getLong(1)).as("devices counted for the statistics").isEqualTo(counted.getLong(2));
        }
    }

    /** The device's assignments as the database holds them, read past the proxy. */
    private Map<String, String> stored(String token) throws SQLException {
        try (Connection connection = POSTGRES.connectTo(database);
             PreparedStatement select = connection.prepareStatement(
                     "select experiment_key, option_value from assignment where device_token = ? order by experiment_key")) {
            select.setString(1, token);
            Map<String, String> assignments = new LinkedHashMap<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    assignments.put(rows.getString(1), rows.getString(2));
                }
            }
            return assignments;
        }
    }



    /** A response and how long it took; a request without an answer fails after the client's 20 s. */
    private record Timed(HttpResponse<String> response, Duration took) {
        static Timed of(Supplier<HttpResponse<String>> request) {
            long start = System.nanoTime();
            try {
                HttpResponse<String> response = request.get();
                return new Timed(response, Duration.ofNanos(System.nanoTime() - start));
            } catch (UncheckedIOException e) {
                throw new AssertionError("no answer after " + Duration.ofNanos(System.nanoTime() - start), e);
            }
        }
    }
}
