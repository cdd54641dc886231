package dev.abkit.persistence;

import dev.abkit.core.event.Event;
import dev.abkit.core.event.EventBatch;
import dev.abkit.core.event.Exposure;
import dev.abkit.core.event.ExposureBatch;
import dev.abkit.core.event.MetricName;
import dev.abkit.core.model.Device;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ShippedExperiments;
import dev.abkit.core.port.out.EventStore;
import dev.abkit.core.port.out.EventStore.DayFigures;
import dev.abkit.core.port.out.EventStore.MetricFigures;
import dev.abkit.core.port.out.EventStore.OptionFigures;
import dev.abkit.core.port.out.EventStore.ResultsScope;
import dev.abkit.core.results.SlotsHandedOut;
import dev.abkit.persistence.TestStore.Kind;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.abkit.persistence.EventStoreFixture.batch;
import static dev.abkit.persistence.EventStoreFixture.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The event store on both databases: each event stored and counted once whatever the retries, and the
 * counters kept at ingest equal to what a scan of the raw events gives.
 */
class EventStoreTest {

    private static final Experiment COLORS = ShippedExperiments.BUTTON_COLOR;
    private static final MetricName PURCHASE = MetricName.of("purchase");

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void a_batch_sent_again_is_stored_and_counted_once(Kind kind) {
        try (TestStore store = TestStore.open(kind, directory); Instance instance = store.start()) {
            EventStore events = instance.storage().eventStore();
            Device device = new EventStoreFixture(instance).register("buyer");
            Instant later = device.firstSeen().plusSeconds(1);
            EventBatch batch = batch(event(device, "1", "purchase", later, 5.0),
                    event(device, "2", "purchase", later.plusSeconds(1), 7.0), event(device, "3", "open", later, null));

            assertThat(events.store(device, batch)).isZero();
            assertThat(events.store(device, batch)).isEqualTo(3);
            assertThat(events.store(device, batch(event(device, "2", "purchase", later, 100.0),
                    event(device, "4", "purchase", later, 1.0)))).isEqualTo(1);

            assertThat(store.count("select count(*) from event")).isEqualTo(4);
            OptionFigures figures = wholeLife(events, Set.of()).options().get(device.valueIn(COLORS.key()).orElseThrow());
            assertThat(figures.conversions()).isEqualTo(1);
            assertThat(figures.sum()).isEqualTo(13.0);
            assertThat(figures.sumOfSquares()).isEqualTo(169.0);
            assertThat(events.metricsOf(COLORS.key())).containsExactly(MetricName.of("open"), PURCHASE);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void concurrent_copies_of_a_batch_store_it_once(Kind kind) throws Exception {
        try (TestStore store = TestStore.open(kind, directory); Instance instance = store.start()) {
            EventStore events = instance.storage().eventStore();
            Device device = new EventStoreFixture(instance).register("impatient");
            List<Event> sent = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                sent.add(event(device, "e" + i, i % 2 == 0 ? "purchase" : "open",
                        device.firstSeen().plusSeconds(i), 1.0));
            }
            EventBatch batch = new EventBatch(sent, 0);
            int copies = 8;
            ExecutorService threads = Executors.newFixedThreadPool(copies);
            try {
                List<Callable<Integer>> calls = new ArrayList<>();
                for (int i = 0; i < copies; i++) {
                    calls.add(() -> events.store(device, batch));
                }
                int duplicates = 0;
                for (Future<Integer> call : threads.invokeAll(calls)) {
                    duplicates += call.get();
                }
                assertThat(duplicates).isEqualTo((copies - 1) * sent.size());
            } finally {
                threads.shutdown();
            }
            assertThat(store.count("select count(*) from event")).isEqualTo(50);
            assertThat(wholeLife(events, Set.of()).options().get(device.valueIn(COLORS.key()).orElseThrow()).sum())
                    .isEqualTo(25.0);
        }
    }

    /**
     * A registration in flight holds a slot below stored ones: the allocation the sample ratio is judged on counts it
     * hidden (the sequence handed it out, no assignment holds it, the lost-slot check has not passed it), so the
     * stored devices alone never raise the alarm. Once the check has passed it, a slot no assignment holds is hidden
     * only while it waits in free_slot; otherwise it is a loss, which the alarm must be able to see.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void a_slot_taken_and_not_stored_is_counted_as_handed_out_and_hidden(Kind kind) throws Exception {
        try (TestStore store = TestStore.open(kind, directory); Instance instance = store.start()) {
            EventStore events = instance.storage().eventStore();
            EventStoreFixture fixture = new EventStoreFixture(instance);
            List<Device> devices = new ArrayList<>();
            for (int d = 0; d < 4; d++) {
                devices.add(fixture.register("before-" + d));
            }
            try (Connection inFlight = DriverManager.getConnection(store.url(), store.user(), "")) {
                assertThat(new SlotSequences().take(inFlight, List.of(COLORS.key()))).containsExactly(4L);
            }
            for (int d = 0; d < 2; d++) {
                devices.add(fixture.register("after-" + d));
            }
            Map<String, Long> stored = new HashMap<>();
            COLORS.options().forEach(option -> stored.put(option.value(), 0L));
            devices.forEach(device -> stored.merge(device.valueIn(COLORS.key()).orElseThrow(), 1L, Long::sum));

            for (ResultsScope scope : List.of(
                    new ResultsScope(COLORS, PURCHASE, Optional.empty(), Optional.empty(), false, Set.of()),
                    new ResultsScope(COLORS, PURCHASE, Optional.empty(), Optional.of(devices.get(1).firstSeen()), false,
                            Set.of()))) {
                assertThat(events.figures(scope).slots()).as("%s", scope).isEqualTo(SlotsHandedOut.hiding(stored, 1));
            }
            ResultsScope wholeLife = new ResultsScope(COLORS, PURCHASE, Optional.empty(), Optional.empty(), false,
                    Set.of());
            store.execute("update slot_check set checked_below = 7 where experiment_key = 'button_color'");
            assertThat(events.figures(wholeLife).slots()).as("slot 4 lost: not hidden, unaccounted")
                    .isEqualTo(new SlotsHandedOut(stored, 0, 1));
            store.execute("insert into free_slot (experiment_key, slot) values ('button_color', 4)");
            assertThat(events.figures(wholeLife).slots()).as("slot 4 waiting")
                    .isEqualTo(SlotsHandedOut.hiding(stored, 1));
            String option = devices.get(0).valueIn(COLORS.key()).orElseThrow();
            store.execute("update option_count set devices = devices + 1 where experiment_key = 'button_color'"
                    + " and option_value = '" + option + "' and stripe = 0");
            Map<String, Long> countedTwice = new HashMap<>(stored);
            countedTwice.merge(option, 1L, Long::sum);
            assertThat(events.figures(wholeLife).slots()).as("a device counted twice")
                    .isEqualTo(new SlotsHandedOut(countedTwice, 1, -1));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void the_counters_equal_what_a_scan_of_the_events_gives(Kind kind) {
        try (TestStore store = TestStore.open(kind, directory); Instance instance = store.start()) {
            EventStore events = instance.storage().eventStore();
            EventStoreFixture fixture = new EventStoreFixture(instance);
            Random random = new Random(14);
            List<Device> devices = new ArrayList<>();
            List<Event> all = new ArrayList<>();
            for (int d = 0; d < 30; d++) {
                Device device = fixture.register("device-" + d);
                devices.add(device);
                for (int b = 0; b < 3; b++) { // batches out of time order, some events before first_seen
                    List<Event> batch = new ArrayList<>();
                    for (int e = 0; e < random.nextInt(4); e++) {
                        Instant at = device.firstSeen().plusSeconds(random.nextInt(4 * 86_400) - 3_600L);
                        Double value = random.nextBoolean() ? null : (double) random.nextInt(100);
                        batch.add(event(device, b + "-" + e, random.nextInt(3) == 0 ? "open" : "purchase", at, value));
                    }
                    if (!batch.isEmpty()) {
                        events.store(device, new EventBatch(batch, 0));
                        all.addAll(batch);
                    }
                }
            }
            Set<DeviceToken> excluded = Set.of(devices.get(0).token(), devices.get(1).token());

            MetricFigures counted = wholeLife(events, excluded);
            // A window from a midnight is read from the day-pair counters (V18); one from any other instant is scanned.
            MetricFigures ofDays = events.figures(new ResultsScope(COLORS, PURCHASE,
                    Optional.of(Instant.parse("2000-01-01T00:00:00Z")), Optional.empty(), false, excluded));
            MetricFigures scanned = events.figures(new ResultsScope(COLORS, PURCHASE,
                    Optional.of(Instant.parse("2000-01-01T00:00:01Z")), Optional.empty(), false, excluded));
            MetricFigures expected = expected(devices, all, excluded);

            assertThat(counted.slots().hidden()).as("the two excluded devices").isEqualTo(2);
            assertThat(counted.hasValues()).isTrue();
            for (MetricFigures actual : List.of(counted, ofDays, scanned)) {
                assertThat(actual.slots()).as("the whole allocation, whatever the window").isEqualTo(expected.slots());
                expected.options().forEach((option, figures) -> {
                    OptionFigures got = actual.options().get(option);
                    assertThat(got.assigned()).as(option).isEqualTo(figures.assigned());
                    assertThat(got.conversions()).as(option).isEqualTo(figures.conversions());
                    assertThat(got.sum()).as(option).isCloseTo(figures.sum(), within(1e-9));
                    assertThat(got.sumOfSquares()).as(option).isCloseTo(figures.sumOfSquares(), within(1e-6));
                });
            }
            Map<String, Long> converted = new HashMap<>();
            for (DayFigures day : events.daily(COLORS, PURCHASE, excluded, Instant.now().plus(Duration.ofDays(10)))) {
                day.options().forEach((option, counts) -> converted.merge(option, counts.converted(), Long::sum));
            }
            expected.options().forEach((option, figures) ->
                    assertThat(converted.getOrDefault(option, 0L)).as(option).isEqualTo(figures.conversions()));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void exposed_devices_count_from_their_earliest_exposure(Kind kind) {
        try (TestStore store = TestStore.open(kind, directory); Instance instance = store.start()) {
            EventStore events = instance.storage().eventStore();
            Device device = new EventStoreFixture(instance).register("shown");
            Instant start = device.firstSeen();
            events.store(device, batch(event(device, "early", "purchase", start.plusSeconds(10), 2.0),
                    event(device, "late", "purchase", start.plusSeconds(100), 3.0)));
            events.expose(device, new ExposureBatch(List.of(new Exposure(device.token(), COLORS.key(), start.plusSeconds(50)))));
            String option = device.valueIn(COLORS.key()).orElseThrow();
            ResultsScope exposed = new ResultsScope(COLORS, PURCHASE, Optional.empty(), Optional.empty(), true, Set.of());

            assertThat(events.figures(exposed).options().get(option))
                    .isEqualTo(new OptionFigures(1, 1, 1, 3.0, 9.0));
            events.expose(device, new ExposureBatch(List.of(new Exposure(device.token(), COLORS.key(), start.plusSeconds(5)))));
            events.expose(device, new ExposureBatch(List.of(new Exposure(device.token(), COLORS.key(), start.plusSeconds(70)))));
            assertThat(events.figures(exposed).options().get(option))
                    .isEqualTo(new OptionFigures(1, 1, 1, 5.0, 25.0));
        }
    }

    /**
     * The whole-life answer is read from the counters kept at ingest, never from the raw events (the
     * path that makes it fast at 10,000,000 events): with the raw rows gone, it still counts them, while
     * the same question as a window inside the day, which the store scans, no longer finds them.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void the_whole_life_is_answered_from_the_counters_without_reading_the_raw_events(Kind kind) throws SQLException {
        try (TestStore store = TestStore.open(kind, directory); Instance instance = store.start()) {
            EventStore events = instance.storage().eventStore();
            Device device = new EventStoreFixture(instance).register("counted");
            Instant later = device.firstSeen().plusSeconds(1);
            events.store(device, batch(event(device, "1", "purchase", later, 5.0),
                    event(device, "2", "purchase", later.plusSeconds(1), 7.0)));
            String value = device.valueIn(COLORS.key()).orElseThrow();
            // Around the events, a minute: a scan (a window with both ends at midnights is read from counters, V18).
            ResultsScope asWindow = new ResultsScope(COLORS, PURCHASE, Optional.of(later.minusSeconds(1)),
                    Optional.of(later.plusSeconds(60)), false, Set.of());
            assertThat(events.figures(asWindow).options().get(value).conversions()).isEqualTo(1);

            store.execute("delete from event");

            OptionFigures wholeLife = wholeLife(events, Set.of()).options().get(value);
            assertThat(wholeLife.conversions()).isEqualTo(1);
            assertThat(wholeLife.sum()).isEqualTo(12.0);
            assertThat(events.figures(asWindow).options().get(value).conversions())
                    .as("the window scans the raw events, now gone").isZero();
        }
    }

    private static MetricFigures wholeLife(EventStore events, Set<DeviceToken> excluded) {
        return events.figures(new ResultsScope(COLORS, PURCHASE, Optional.empty(), Optional.empty(), false, excluded));
    }

    /** The figures by their definition (EventStore's Javadoc), from the events as sent. */
    private static MetricFigures expected(List<Device> devices, List<Event> events, Set<DeviceToken> excluded) {
        Map<String, OptionFigures> options = new HashMap<>();
        COLORS.options().forEach(option -> options.put(option.value(), new OptionFigures(0, 0, 0, 0, 0)));
        Map<String, Long> counted = new HashMap<>();
        COLORS.options().forEach(option -> counted.put(option.value(), 0L));
        for (Device device : devices) {
            String option = device.valueIn(COLORS.key()).orElseThrow();
            if (excluded.contains(device.token())) {
                continue;
            }
            counted.merge(option, 1L, Long::sum);
            List<Event> its = events.stream().filter(event -> event.device().equals(device.token())
                    && event.metric().equals(PURCHASE)
                    && !event.at().truncatedTo(ChronoUnit.MICROS).isBefore(device.firstSeen())).toList();
            double total = its.stream().mapToDouble(event -> event.value() == null ? 0 : event.value().amount()).sum();
            OptionFigures was = options.get(option);
            options.put(option, new OptionFigures(was.assigned() + 1, 0, was.conversions() + (its.isEmpty() ? 0 : 1),
                    was.sum() + total, was.sumOfSquares() + total * total));
        }
        // Every device registered holds a slot (none left out, none in flight); the excluded ones are hidden.
        long hidden = devices.stream().filter(device -> excluded.contains(device.token())).count();
        return new MetricFigures(options, SlotsHandedOut.hiding(counted, hidden), true);
    }
}
