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
import dev.abkit.core.port.out.EventStore.MetricFigures;
import dev.abkit.core.port.out.EventStore.ResultsScope;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;

import static dev.abkit.persistence.EventStoreFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Windows of whole UTC days, of all devices or of the exposed ones, come from the day-pair counters kept at ingest
 * (V18), and those counters give what the exact scan of the raw events gives, for every window of days: devices
 * first seen on different days and times of the week, with events on many days (some exactly at a midnight or a
 * microsecond before one), in batches sent out of order, on PostgreSQL from more threads than stripes and from two
 * instances at once (so transactions share counter rows), late events before a device's earlier days, events
 * without a value, exposures before and after the events (some at a midnight) and moved earlier, and overridden
 * devices taken out, also from windows that end before they were first seen.
 */
class DayWindowCountersTest {

    private static final Experiment COLORS = ShippedExperiments.BUTTON_COLOR;
    private static final MetricName PURCHASE = MetricName.of("purchase");
    /** Quarters and small counts: every sum and product is exact in doubles, so the two readings compare equal. */
    private static final double QUARTER = 0.25;
    private static final int DAYS = 7;
    private static final int DEVICES = 16;
    /** Devices are first seen on the first {@value} days of the week, so windows also end before some of them. */
    private static final int REGISTRATION_DAYS = 5;
    /** When in its day a device is first seen: at a midnight, a microsecond before one, and in between. */
    private static final List<Duration> TIMES_OF_DAY = List.of(Duration.ZERO,
            Duration.ofDays(1).minus(1, ChronoUnit.MICROS), Duration.ofMinutes(6 * 60 + 30), Duration.ofHours(12),
            Duration.ofSeconds(17 * 3600 + 45 * 60 + 30).plusMillis(250), Duration.ofMinutes(10));

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void every_window_of_days_from_the_counters_equals_the_scan_of_the_raw_events(Kind kind) throws Exception {
        try (TestStore store = TestStore.open(kind, directory); Instance instance = store.start()) {
            EventStore events = instance.storage().eventStore();
            LocalDate firstDay = LocalDate.now(ZoneOffset.UTC).minusDays(DAYS + 2);
            Set<DeviceToken> overridden = sendAWeek(kind, store, instance, firstDay);

            int compared = 0;
            try (Connection connection = DriverManager.getConnection(store.url(), store.user(), "")) {
                for (Optional<LocalDate> from : ends(firstDay)) {
                    for (Optional<LocalDate> to : ends(firstDay)) {
                        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
                            continue;
                        }
                        for (Set<DeviceToken> excluded : List.of(Set.<DeviceToken>of(), overridden)) {
                            for (boolean exposed : List.of(false, true)) {
                                ResultsScope scope = new ResultsScope(COLORS, PURCHASE, from.map(Timestamps::startOf),
                                        to.map(Timestamps::startOf), exposed, excluded);
                                assertThat(DayWindowFigures.answers(scope)).isTrue();
                                MetricFigures counted = events.figures(scope);
                                assertThat(counted).as("%s", scope).isEqualTo(TestStore.scanned(connection, scope));
                                compared++;
                            }
                        }
                    }
                }
            }
            assertThat(compared).isGreaterThan(200);
            ResultsScope wholeWeek = new ResultsScope(COLORS, PURCHASE, Optional.of(Timestamps.startOf(firstDay)),
                    Optional.of(Timestamps.startOf(firstDay.plusDays(DAYS + 1))), false, Set.of());
            MetricFigures week = events.figures(wholeWeek);
            assertThat(week.options().values().stream().mapToLong(EventStore.OptionFigures::conversions).sum())
                    .as("the data is not empty").isGreaterThan(8);
            assertThat(week.hasValues()).isTrue();
            MetricFigures exposedWeek = events.figures(new ResultsScope(COLORS, PURCHASE, wholeWeek.from(),
                    wholeWeek.to(), true, Set.of()));
            assertThat(exposedWeek.options().values().stream().mapToLong(EventStore.OptionFigures::exposed).sum())
                    .as("most devices were exposed, within the week").isBetween(8L, 15L);
            assertThat(exposedWeek.options().values().stream().mapToLong(EventStore.OptionFigures::conversions).sum())
                    .as("the exposed devices convert less than all").isPositive()
                    .isLessThan(week.options().values().stream().mapToLong(EventStore.OptionFigures::conversions).sum());
            assertThat(store.count("select count(*) from event where mod(extract(epoch from occurred_at), 86400) = 0"))
                    .as("events exactly at a midnight were ingested").isGreaterThan(10);
            assertThat(store.count("select count(*) from exposure where mod(extract(epoch from first_at), 86400) = 0"))
                    .as("devices first exposed exactly at a midnight").isPositive();
        }
    }

    /**
     * The week's devices, registered and sent their events and exposures (see the class's comment), and three of
     * them to override: first seen on day 0 at 00:00, day 3 at 06:30 and day 4 at 12:00, so windows ending on
     * days 1 to 4 hold some of them and not others.
     */
    private static Set<DeviceToken> sendAWeek(Kind kind, TestStore store, Instance instance, LocalDate firstDay)
            throws Exception {
        EventStore events = instance.storage().eventStore();
        List<Device> devices = registerThroughTheWeek(instance, firstDay);
        if (kind == Kind.POSTGRESQL) {
            // Two instances lease the same stripes, and 40 threads more than each one's 16: sends share rows.
            try (Instance second = store.start()) {
                send(List.of(events, second.storage().eventStore()), devices, firstDay, 40);
            }
        } else {
            send(List.of(events), devices, firstDay, 1);
        }
        return Set.of(devices.get(0).token(), devices.get(8).token(), devices.get(9).token());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void a_window_of_days_is_answered_without_reading_the_raw_events_and_any_other_window_by_scanning_them(Kind kind)
            throws SQLException {
        try (TestStore store = TestStore.open(kind, directory); Instance instance = store.start()) {
            EventStore events = instance.storage().eventStore();
            LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(3);
            Device device = EventStoreFixture.registeredAt(instance, "day-device",
                    Timestamps.startOf(day).plusSeconds(600));
            Instant noon = Timestamps.startOf(day).plus(Duration.ofHours(12));
            events.store(device, new EventBatch(List.of(event(device, "1", "purchase", noon, 3.0),
                    event(device, "2", "purchase", noon.plus(Duration.ofDays(1)), 4.0)), 0));
            events.expose(device, new ExposureBatch(List.of(new Exposure(device.token(), COLORS.key(),
                    Timestamps.startOf(day).plusSeconds(1800)))));
            String value = device.valueIn(COLORS.key()).orElseThrow();
            ResultsScope days = new ResultsScope(COLORS, PURCHASE, Optional.of(Timestamps.startOf(day)),
                    Optional.of(Timestamps.startOf(day.plusDays(2))), false, Set.of());
            ResultsScope fromNoon = new ResultsScope(COLORS, PURCHASE, Optional.of(noon.minusSeconds(1)),
                    Optional.of(Timestamps.startOf(day.plusDays(2))), false, Set.of());
            ResultsScope daysExposed = new ResultsScope(COLORS, PURCHASE, days.from(), days.to(), true, Set.of());
            assertThat(events.figures(fromNoon).options().get(value).conversions()).isEqualTo(1);

            store.execute("delete from event");

            EventStore.OptionFigures counted = events.figures(days).options().get(value);
            assertThat(counted.conversions()).isEqualTo(1);
            assertThat(counted.sum()).isEqualTo(7.0);
            assertThat(counted.sumOfSquares()).isEqualTo(49.0);
            assertThat(events.figures(daysExposed).options().get(value))
                    .as("the same from the exposed counters").isEqualTo(new EventStore.OptionFigures(1, 1, 1, 7.0, 49.0));
            assertThat(events.figures(fromNoon).options().get(value).conversions())
                    .as("a window from 11:59:59 scans the raw events, now gone").isZero();
        }
    }

    /**
     * Device i first seen on day i % 5 of the week, at one of {@link #TIMES_OF_DAY} (after the shipped experiments
     * were created).
     */
    private static List<Device> registerThroughTheWeek(Instance instance, LocalDate firstDay) {
        List<Device> devices = new ArrayList<>();
        for (int i = 0; i < DEVICES; i++) {
            Instant firstSeen = Timestamps.startOf(firstDay.plusDays(i % REGISTRATION_DAYS))
                    .plus(TIMES_OF_DAY.get(i % TIMES_OF_DAY.size()));
            devices.add(EventStoreFixture.registeredAt(instance, "day-device-" + i, firstSeen));
        }
        return devices;
    }

    /**
     * Six batches per device, each of events on random days from an hour before its first_seen (those before it
     * count nowhere) to the end of the week, sent in random order: later batches often fill days before those
     * already stored. Each send goes through the next of {@code stores} in turn.
     */
    private static void send(List<EventStore> stores, List<Device> devices, LocalDate firstDay, int threads)
            throws Exception {
        Random random = new Random(18);
        Instant weekEnd = Timestamps.startOf(firstDay.plusDays(DAYS));
        List<Callable<Void>> sends = new ArrayList<>();
        int id = 0;
        for (Device device : devices) {
            for (int b = 0; b < 6; b++) {
                List<Event> batch = new ArrayList<>();
                for (int e = 0; e < 1 + random.nextInt(5); e++) {
                    Instant at = eventTime(random, device.firstSeen(), firstDay, weekEnd);
                    String metric = random.nextInt(4) == 0 ? "open" : "purchase";
                    Double value = random.nextInt(3) == 0 ? null : (random.nextInt(41) - 8) * QUARTER; // refunds too
                    batch.add(event(device, "e" + id++, metric, at, value));
                }
                EventStore store = stores.get(sends.size() % stores.size());
                sends.add(() -> {
                    store.store(device, new EventBatch(batch, 0));
                    return null;
                });
            }
            // Most devices are shown their option, once or twice; a second exposure may be earlier, and move the
            // device's counting start (and its events since then) to an earlier day.
            if (random.nextInt(8) != 0) {
                for (int shown = 0; shown < 1 + random.nextInt(2); shown++) {
                    Instant at = exposureTime(random, device.firstSeen(), firstDay, weekEnd);
                    EventStore store = stores.get(sends.size() % stores.size());
                    sends.add(() -> {
                        store.expose(device, new ExposureBatch(List.of(new Exposure(device.token(), COLORS.key(), at))));
                        return null;
                    });
                }
            }
        }
        Collections.shuffle(sends, random);
        Concurrently.run(sends, threads);
    }

    /**
     * One event in eight exactly at a midnight of the week and one in sixteen a microsecond before one, where a
     * day's counters begin and end; the others anywhere from an hour before first_seen to the week's end.
     */
    private static Instant eventTime(Random random, Instant firstSeen, LocalDate firstDay, Instant weekEnd) {
        int kind = random.nextInt(16);
        if (kind < 2) {
            return Timestamps.startOf(firstDay.plusDays(random.nextInt(DAYS)));
        }
        if (kind == 2) {
            return Timestamps.startOf(firstDay.plusDays(1 + random.nextInt(DAYS))).minus(1, ChronoUnit.MICROS);
        }
        Instant earliest = firstSeen.minus(Duration.ofHours(1));
        return earliest.plus(random.nextLong(ChronoUnit.MICROS.between(earliest, weekEnd)), ChronoUnit.MICROS);
    }

    /**
     * One exposure in eight exactly at a midnight of the week (before or after first_seen); the others from two
     * hours before first_seen to the week's last day.
     */
    private static Instant exposureTime(Random random, Instant firstSeen, LocalDate firstDay, Instant weekEnd) {
        if (random.nextInt(8) == 0) {
            return Timestamps.startOf(firstDay.plusDays(random.nextInt(DAYS)));
        }
        Instant earliest = firstSeen.minus(Duration.ofHours(2));
        Instant latest = weekEnd.minus(Duration.ofDays(1));
        return earliest.plus(random.nextLong(ChronoUnit.MICROS.between(earliest, latest)), ChronoUnit.MICROS);
    }

    /** Every midnight of the week and the days around it, and the open end. */
    private static List<Optional<LocalDate>> ends(LocalDate firstDay) {
        List<Optional<LocalDate>> ends = new ArrayList<>();
        ends.add(Optional.empty());
        for (int day = -1; day <= DAYS + 1; day++) {
            ends.add(Optional.of(firstDay.plusDays(day)));
        }
        return ends;
    }
}
