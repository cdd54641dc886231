package dev.abkit.persistence;

import dev.abkit.core.event.Event;
import dev.abkit.core.event.EventBatch;
import dev.abkit.core.event.Exposure;
import dev.abkit.core.event.ExposureBatch;
import dev.abkit.core.event.MetricName;
import dev.abkit.core.model.Device;
import dev.abkit.core.model.ShippedExperiments;
import dev.abkit.core.port.out.EventStore;
import dev.abkit.core.port.out.EventStore.MetricFigures;
import dev.abkit.core.port.out.EventStore.ResultsScope;
import dev.abkit.core.testing.TickingClock;
import dev.abkit.persistence.TestStore.Kind;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;

import static dev.abkit.persistence.EventStoreFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily upkeep folds the stripes of settled day-pair cells (second day more than 32 days old) onto stripe 0,
 * for both tables, and every window of days reads the same figures before and after; cells still open to late
 * events keep their stripes, and events after the fold count as before.
 */
class DayPairFoldingTest {

    private static final LocalDate FIRST_DAY = LocalDate.parse("2026-03-01");
    private static final int DAYS = 10;
    private static final MetricName PURCHASE = MetricName.of("purchase");

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void settled_cells_are_folded_onto_one_stripe_and_every_window_reads_the_same(Kind kind) throws Exception {
        TickingClock clock = new TickingClock(Timestamps.startOf(FIRST_DAY.plusDays(DAYS)).plusSeconds(3600));
        EventRetention retention = new EventRetention(EventRetention.DEFAULT, clock);
        try (TestStore store = TestStore.open(kind, directory);
             Instance instance = Instance.start(store.url(), store.user(), pool -> { }, pool -> pool, retention)) {
            EventStore events = instance.storage().eventStore();
            List<Device> devices = register(instance, 12);
            send(events, devices, kind == Kind.POSTGRESQL ? 24 : 1);
            List<ResultsScope> windows = windows();
            List<MetricFigures> before = new ArrayList<>();
            for (ResultsScope window : windows) {
                before.add(events.figures(window));
            }
            long settledStriped = striped(store, "day_pair_count", "<") + striped(store, "exposed_day_pair_count", "<");
            long openStriped = striped(store, "day_pair_count", ">=");
            assertThat(settledStriped).as("the data spreads cells over stripes").isPositive();
            assertThat(openStriped).isPositive();

            // 40 days after the first: the cells whose second day is before day 8 are settled, days 8 and 9 are not.
            clock.advance(Duration.ofDays(30));
            instance.storage().maintainEvents();

            assertThat(striped(store, "day_pair_count", "<")).isZero();
            assertThat(striped(store, "exposed_day_pair_count", "<")).isZero();
            assertThat(striped(store, "day_pair_count", ">=")).as("open cells keep their stripes").isEqualTo(openStriped);
            for (int i = 0; i < windows.size(); i++) {
                assertThat(events.figures(windows.get(i))).as("%s", windows.get(i)).isEqualTo(before.get(i));
            }
            instance.storage().maintainEvents(); // a repeat finds nothing to fold
            assertThat(events.figures(windows.get(0))).isEqualTo(before.get(0));

            // A purchase on day 9, an open cell, after the fold: the windows with day 9 count it, the others do not.
            Device late = devices.get(3);
            events.store(late, new EventBatch(List.of(event(late, "after-fold", "purchase",
                    Timestamps.startOf(FIRST_DAY.plusDays(DAYS - 1)).plusSeconds(60), 2.5)), 0));
            String option = late.valueIn(ShippedExperiments.BUTTON_COLOR.key()).orElseThrow();
            for (int i = 0; i < windows.size(); i++) {
                ResultsScope window = windows.get(i);
                boolean holdsDay9 = window.from().map(from -> !from.isAfter(Timestamps.startOf(FIRST_DAY.plusDays(9))))
                        .orElse(true) && window.to().map(to -> to.isAfter(Timestamps.startOf(FIRST_DAY.plusDays(9))))
                        .orElse(true);
                double added = holdsDay9 ? 2.5 : 0;
                assertThat(events.figures(window).options().get(option).sum()).as("%s after the fold", window)
                        .isEqualTo(before.get(i).options().get(option).sum() + added);
            }
        }
    }

    /**
     * The upkeep's steps run longer than the server's request limits on a large database: a fold of 1,000,000
     * settled cells under a 100 ms statement timeout and a 1 s wait for a reply completes (cut off by the driver
     * before the upkeep lifted both: "An I/O error occurred while sending to the backend").
     */
    @org.junit.jupiter.api.Test
    void a_fold_longer_than_the_request_limits_completes() throws Exception {
        TickingClock clock = new TickingClock(Timestamps.startOf(FIRST_DAY.plusDays(400)));
        EventRetention retention = new EventRetention(EventRetention.DEFAULT, clock);
        try (TestStore store = TestStore.open(Kind.POSTGRESQL, directory);
             Instance instance = Instance.start(store.url(), store.user(), MigrationTimeoutTest.SHORT_LIMITS,
                     pool -> pool, retention)) {
            store.execute("insert into day_pair_count (experiment_key, metric, second_day, first_day, option_value,"
                    + " stripe, devices, valued, total, product) select 'button_color', 'm' || (g / 4500),"
                    + " date '" + FIRST_DAY + "' + g % 300, date '" + FIRST_DAY + "', '#FF0000', 1 + (g / 300) % 15,"
                    + " 1, 1, 0.5, 0.25 from generate_series(0, 999999) g");
            long rows = store.count("select count(*) from day_pair_count where stripe <> 0");
            assertThat(rows).isEqualTo(1_000_000);

            instance.storage().maintainEvents();

            assertThat(store.count("select count(*) from day_pair_count where stripe <> 0")).isZero();
            assertThat(store.count("select sum(devices) from day_pair_count")).isEqualTo(rows);
        }
    }

    /**
     * The upkeep folds while events keep coming, as in production: the batches sent during a fold of 1,000,000
     * settled cells are all stored and counted, and today's window from the counters equals the scan of them.
     */
    @org.junit.jupiter.api.Test
    void events_sent_during_a_fold_are_all_counted() throws Exception {
        LocalDate today = FIRST_DAY.plusDays(400);
        TickingClock clock = new TickingClock(Timestamps.startOf(today).plusSeconds(3600));
        EventRetention retention = new EventRetention(EventRetention.DEFAULT, clock);
        try (TestStore store = TestStore.open(Kind.POSTGRESQL, directory);
             Instance instance = Instance.start(store.url(), store.user(), pool -> { }, pool -> pool, retention)) {
            store.execute("insert into day_pair_count (experiment_key, metric, second_day, first_day, option_value,"
                    + " stripe, devices, valued, total, product) select 'button_color', 'purchase',"
                    + " date '" + FIRST_DAY + "' + g % 300, date '" + FIRST_DAY + "' + (g / 300) % 300, '#FF0000',"
                    + " 1 + (g / 90000) % 15, 1, 1, 0.5, 0.25 from generate_series(0, 999999) g"
                    + " where g % 300 >= (g / 300) % 300 on conflict do nothing");
            EventStore events = instance.storage().eventStore();
            List<Device> devices = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                devices.add(EventStoreFixture.registeredAt(instance, "during-fold-" + i, Timestamps.startOf(today)));
            }
            List<Callable<Integer>> work = new ArrayList<>();
            work.add(() -> {
                instance.storage().maintainEvents();
                return 0;
            });
            for (int batch = 0; batch < 200; batch++) {
                Device device = devices.get(batch % devices.size());
                Event purchase = event(device, "p" + batch, "purchase",
                        Timestamps.startOf(today).plusSeconds(60 + batch), (batch % 9) * 0.25);
                work.add(() -> events.store(device, new EventBatch(List.of(purchase), 0)));
            }

            List<Integer> duplicates = Concurrently.run(work, 6);

            assertThat(duplicates).containsOnly(0);
            assertThat(store.count("select count(*) from event")).isEqualTo(200);
            assertThat(store.count("select count(*) from day_pair_count where stripe <> 0 and second_day < date '"
                    + today.minusDays(DayPairFolding.SETTLED_AFTER_DAYS) + "'")).isZero();
            ResultsScope todayOnly = new ResultsScope(ShippedExperiments.BUTTON_COLOR, PURCHASE,
                    Optional.of(Timestamps.startOf(today)), Optional.of(Timestamps.startOf(today.plusDays(1))), false,
                    Set.of());
            try (java.sql.Connection connection = java.sql.DriverManager.getConnection(store.url(), store.user(), "")) {
                assertThat(events.figures(todayOnly)).isEqualTo(TestStore.scanned(connection, todayOnly));
            }
            assertThat(events.figures(todayOnly).options().values().stream()
                    .mapToLong(EventStore.OptionFigures::conversions).sum()).isEqualTo(devices.size());
        }
    }

    /** Cells of {@code table} on a stripe other than 0 whose second day is {@code relation} day 8. */
    private static long striped(TestStore store, String table, String relation) {
        return store.count("select count(*) from " + table + " where stripe <> 0 and second_day " + relation
                + " date '" + FIRST_DAY.plusDays(8) + "'");
    }

    private static List<Device> register(Instance instance, int count) {
        List<Device> devices = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            devices.add(EventStoreFixture.registeredAt(instance, "folded-" + i,
                    Timestamps.startOf(FIRST_DAY).plusSeconds(60)));
        }
        return devices;
    }

    /** Each device exposed on the first day, and a purchase of a quarter-multiple value on most days, day by day. */
    private static void send(EventStore events, List<Device> devices, int threads) throws Exception {
        Random random = new Random(22);
        List<Callable<Void>> sends = new ArrayList<>();
        for (Device device : devices) {
            events.expose(device, new ExposureBatch(List.of(new Exposure(device.token(),
                    ShippedExperiments.BUTTON_COLOR.key(), device.firstSeen().plusSeconds(30)))));
            for (int day = 0; day < DAYS; day++) {
                if (random.nextInt(4) == 0) {
                    continue;
                }
                Instant at = Timestamps.startOf(FIRST_DAY.plusDays(day)).plusSeconds(3600 + random.nextInt(80_000));
                Event purchase = event(device, "p" + day, "purchase", at, random.nextInt(40) * 0.25);
                sends.add(() -> {
                    events.store(device, new EventBatch(List.of(purchase), 0));
                    return null;
                });
            }
        }
        Concurrently.run(sends, threads);
    }

    /** Every window of whole days around the data, all devices and exposed. */
    private static List<ResultsScope> windows() {
        List<ResultsScope> windows = new ArrayList<>();
        for (int from = -1; from <= DAYS; from += 2) {
            for (int to = from + 1; to <= DAYS + 1; to += 3) {
                for (boolean exposed : List.of(false, true)) {
                    windows.add(new ResultsScope(ShippedExperiments.BUTTON_COLOR, PURCHASE,
                            Optional.of(Timestamps.startOf(FIRST_DAY.plusDays(from))),
                            Optional.of(Timestamps.startOf(FIRST_DAY.plusDays(to))), exposed, Set.of()));
                }
            }
        }
        windows.add(0, new ResultsScope(ShippedExperiments.BUTTON_COLOR, PURCHASE,
                Optional.of(Timestamps.startOf(FIRST_DAY)), Optional.empty(), false, Set.of()));
        return windows;
    }
}
