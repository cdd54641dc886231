package dev.abkit.persistence;

import com.zaxxer.hikari.HikariConfig;
import dev.abkit.core.error.StorageUnavailableException;
import dev.abkit.core.event.MetricName;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ShippedExperiments;
import dev.abkit.core.port.out.EventStore.ResultsScope;
import dev.abkit.persistence.TestStore.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The analysts' scans of raw events on both databases: their statements may run for the analysts' timeout
 * while every other transaction keeps the ordinary one, the pool gets the connection back as it was, and no
 * more of them than the limit hold connections at once, while the mobile path goes on.
 */
class AnalystScansTest {

    /** PostgreSQL: cancels a statement after 300 ms, gives up on a reply after 1 s; H2: cancels after 100 ms. */
    private static final String POSTGRES_OPTIONS = "-c statement_timeout=300";
    private static final int POSTGRES_SOCKET_SECONDS = 1;
    private static final long H2_QUERY_TIMEOUT_MILLIS = 100;
    /** The JVM's clock as an H2 function, read on every row (Java functions are not deterministic by default). */
    private static final String H2_CLOCK = "test_clock_millis";

    @TempDir
    Path directory;

    /** A plan PostgreSQL keeps for any window made an 11-day window three times slower; jit compiled for seconds. */
    @Test
    void a_scan_on_postgres_is_planned_for_its_own_window_without_jit_and_the_connection_goes_back_as_it_was() {
        try (TestStore store = migrated(Kind.POSTGRESQL); Instance instance = withOrdinaryTimeouts(store, Kind.POSTGRESQL, 1,
                new AnalystScanLimits(Duration.ofSeconds(30), 1, Duration.ZERO))) {
            Database database = new Database(instance.pool());
            SqlWork<List<String>> planner = connection -> List.of(
                    Timeouts.select(connection, "show plan_cache_mode"), Timeouts.select(connection, "show jit"));

            List<String> during = instance.storage().analystScans().read("read the planner's settings", planner);
            List<String> after = database.inTransaction("read the planner's settings", planner);

            assertThat(during).containsExactly("force_custom_plan", "off");
            assertThat(after).containsExactly("auto", "on");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void a_scan_may_run_past_the_ordinary_statement_timeout_and_the_connection_goes_back_as_it_was(Kind kind) {
        try (TestStore store = migrated(kind); Instance instance = withOrdinaryTimeouts(store, kind, 1,
                new AnalystScanLimits(Duration.ofSeconds(30), 1, Duration.ZERO))) {
            Database database = new Database(instance.pool());
            AnalystScans scans = instance.storage().analystScans();
            Timeouts ordinary = database.inTransaction("read the timeouts", connection -> Timeouts.of(kind, connection));
            assertThat(ordinary.statementTimeout()).isEqualTo(kind == Kind.POSTGRESQL ? "300ms" : "100");
            assertThat(ordinary.isolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);

            assertThatThrownBy(() -> database.inTransaction("run a slow query", connection -> slowQuery(kind, connection)))
                    .as("the control: the ordinary timeout stops it")
                    .isInstanceOf(StorageUnavailableException.class).hasMessageContaining("did not answer in time");
            boolean answered = scans.read("run a slow query", connection -> slowQuery(kind, connection));
            assertThat(answered).isTrue();

            // The pool has one connection: the same one the scan had.
            Timeouts after = database.inTransaction("read the timeouts", connection -> Timeouts.of(kind, connection));
            assertThat(after).isEqualTo(ordinary);
            assertThatThrownBy(() -> database.inTransaction("run a slow query", connection -> slowQuery(kind, connection)))
                    .isInstanceOf(StorageUnavailableException.class).hasMessageContaining("did not answer in time");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void a_scan_past_the_analysts_timeout_is_stopped_too_and_reported_unavailable(Kind kind) {
        Duration analysts = Duration.ofMillis(kind == Kind.POSTGRESQL ? 600 : 200);
        try (TestStore store = migrated(kind); Instance instance = withOrdinaryTimeouts(store, kind, 1,
                new AnalystScanLimits(analysts, 1, Duration.ZERO))) {
            long start = System.nanoTime();

            assertThatThrownBy(() -> instance.storage().analystScans().read("run a slow query",
                    connection -> slowQuery(kind, connection)))
                    .isInstanceOf(StorageUnavailableException.class).hasMessageContaining("did not answer in time");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(analysts);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void beyond_the_limit_a_scan_is_refused_after_the_wait_while_registrations_go_on(Kind kind) throws Exception {
        Duration wait = Duration.ofMillis(300);
        try (TestStore store = migrated(kind); Instance instance = withOrdinaryTimeouts(store, kind, 4,
                new AnalystScanLimits(Duration.ofSeconds(30), 2, wait))) {
            EventStoreFixture fixture = new EventStoreFixture(instance);
            fixture.register("analyst-device");
            AnalystScans scans = instance.storage().analystScans();
            CountDownLatch holding = new CountDownLatch(2);
            CountDownLatch release = new CountDownLatch(1);
            List<CompletableFuture<Boolean>> held = List.of(holdTurn(scans, holding, release), holdTurn(scans, holding, release));
            try {
                assertThat(holding.await(10, TimeUnit.SECONDS)).as("both scans hold a connection").isTrue();

                long start = System.nanoTime();
                assertThatThrownBy(() -> instance.storage().eventStore().figures(window()))
                        .isInstanceOf(StorageUnavailableException.class)
                        .hasMessageContaining("the analysts' queue is full");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(wait);

                assertThat(fixture.register("mobile-device").token().value()).isEqualTo("mobile-device");
                assertThat(instance.ports().devices().find(DeviceToken.of("analyst-device")))
                        .isPresent();
                assertThat(instance.storage().eventStore().figures(wholeLife()).options())
                        .as("whole-life results read counters, outside the analysts' turns").isNotEmpty();
            } finally {
                release.countDown();
            }
            for (CompletableFuture<Boolean> scan : held) {
                assertThat(scan.get(10, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(instance.storage().eventStore().figures(window()).options())
                    .as("turns are given back").isNotEmpty();
        }
    }

    /** A scan that takes a connection, says so, and keeps it until released. */
    private static CompletableFuture<Boolean> holdTurn(AnalystScans scans, CountDownLatch holding, CountDownLatch release) {
        return CompletableFuture.supplyAsync(() -> scans.read("hold a turn", connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("select 1");
            }
            holding.countDown();
            try {
                return release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }));
    }

    /** A window from a second past midnight, which only a scan of the raw events answers (whole days: counters). */
    private static ResultsScope window() {
        return new ResultsScope(ShippedExperiments.BUTTON_COLOR, MetricName.of("purchase"),
                Optional.of(Instant.EPOCH.plusSeconds(1)), Optional.empty(), false, Set.of());
    }

    private static ResultsScope wholeLife() {
        return new ResultsScope(ShippedExperiments.BUTTON_COLOR, MetricName.of("purchase"), Optional.empty(),
                Optional.empty(), false, Set.of());
    }

    /**
     * A second and a half of work on either database, however fast the machine: well past the ordinary and the
     * analysts' timeouts, well within 30 s. H2 has no sleep it can cancel, so it counts rows until the clock has
     * passed the end (a fixed number of rows once took less than the 200 ms it had to outlast).
     */
    private static boolean slowQuery(Kind kind, Connection connection) throws SQLException {
        if (kind == Kind.POSTGRESQL) {
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("select pg_sleep(1.5)")) {
                return rows.next();
            }
        }
        try (PreparedStatement statement = connection.prepareStatement("select \"X\" from system_range(1, "
                + Long.MAX_VALUE + ") where " + H2_CLOCK + "() >= ? limit 1")) {
            statement.setLong(1, System.currentTimeMillis() + 1_500);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** A database of the kind with the schema, migrated without the short timeouts of the tests. */
    private TestStore migrated(Kind kind) {
        TestStore store = TestStore.open(kind, directory);
        store.start().close();
        if (kind == Kind.H2) {
            try {
                store.execute("create alias " + H2_CLOCK + " for 'java.lang.System.currentTimeMillis'");
            } catch (SQLException e) {
                throw new IllegalStateException("could not give H2 a clock", e);
            }
        }
        return store;
    }

    private static Instance withOrdinaryTimeouts(TestStore store, Kind kind, int connections, AnalystScanLimits limits) {
        Consumer<HikariConfig> pool = config -> {
            config.setMaximumPoolSize(connections);
            if (kind == Kind.POSTGRESQL) {
                config.addDataSourceProperty("options", POSTGRES_OPTIONS);
                config.addDataSourceProperty("socketTimeout", Integer.toString(POSTGRES_SOCKET_SECONDS));
            }
        };
        String url = kind == Kind.H2 ? store.url() + ";QUERY_TIMEOUT=" + H2_QUERY_TIMEOUT_MILLIS : store.url();
        return Instance.onMigrated(url, store.user(), pool, limits);
    }

    /**
     * What a connection is set to: the statement timeout, the driver's network timeout (ms), jit, and the
     * isolation level (a scan reads one snapshot, decision 23).
     */
    private record Timeouts(String statementTimeout, int networkTimeout, String jit, int isolation) {

        static Timeouts of(Kind kind, Connection connection) throws SQLException {
            if (kind == Kind.H2) {
                return new Timeouts(select(connection, "select setting_value from information_schema.settings"
                        + " where setting_name = 'QUERY_TIMEOUT'"), connection.getNetworkTimeout(), null,
                        connection.getTransactionIsolation());
            }
            return new Timeouts(select(connection, "show statement_timeout"), connection.getNetworkTimeout(),
                    select(connection, "show jit"), connection.getTransactionIsolation());
        }

        private static String select(Connection connection, String sql) throws SQLException {
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
                rows.next();
                return rows.getString(1);
            }
        }
    }
}
