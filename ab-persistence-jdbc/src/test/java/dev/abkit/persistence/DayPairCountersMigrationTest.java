package dev.abkit.persistence;

import dev.abkit.core.event.MetricName;
import dev.abkit.core.model.Device;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ShippedExperiments;
import dev.abkit.core.port.out.EventStore;
import dev.abkit.core.port.out.EventStore.MetricFigures;
import dev.abkit.core.port.out.EventStore.OptionFigures;
import dev.abkit.core.port.out.EventStore.ResultsScope;
import dev.abkit.persistence.TestStore.Kind;
import org.flywaydb.core.Flyway;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.abkit.persistence.EventStoreFixture.batch;
import static dev.abkit.persistence.EventStoreFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An install of the release before the day-pair counters (schema V17) with devices and their raw events on
 * several days, upgraded by starting this version (V18): every window of whole UTC days, now read from the
 * counters V18 filled from the raw events, is what the scan of the raw events gives, and events stored after the
 * upgrade (on a day before a device's earliest, on a day between two, on one it had) go on from those rows.
 * Amounts are quarters, so every sum and product is exact and the two readings compare equal.
 */
class DayPairCountersMigrationTest {

    private static final Experiment COLORS = ShippedExperiments.BUTTON_COLOR;
    private static final MetricName PURCHASE = MetricName.of("purchase");
    /** The days of the events: day 0 is ten days ago, day 7 three days ago (all received long before now). */
    private static final int DAYS = 8;
    private static final LocalDate DAY_0 = LocalDate.now(ZoneOffset.UTC).minusDays(10);

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void every_window_of_days_over_events_stored_before_the_counters_is_what_the_scan_gives(Kind kind)
            throws SQLException {
        try (TestStore store = TestStore.open(kind, directory)) {
            Flyway.configure().dataSource(store.url(), store.user(), "")
                    .locations("classpath:db/migration", DatabaseKind.valueOf(kind.name()).vendorMigrations())
                    .target("17").load().migrate();
            String many = registeredBefore(store, "many", 1, 0);
            String steady = registeredBefore(store, "steady", 1, 1);
            String late = registeredBefore(store, "late", 4, 2);
            leftOutBefore(store, "left-out", 1, 3);
            onlyPriceBefore(store, "price-only", 1);

            // many: counted on the days 1, 3 and 6 (not consecutive); day 0 and day 1 before 10:00 precede its
            // first_seen and count nowhere.
            storedBefore(store, "many", "1", "purchase", at(0, "12:00"), "4.0");
            storedBefore(store, "many", "2", "purchase", at(1, "09:00"), "8.0");
            storedBefore(store, "many", "3", "purchase", at(1, "10:30"), "2.0");
            storedBefore(store, "many", "4", "purchase", at(1, "12:00"), "null");
            storedBefore(store, "many", "5", "purchase", at(3, "08:00"), "1.25");
            storedBefore(store, "many", "6", "purchase", at(6, "23:59"), "0.5");
            storedBefore(store, "many", "7", "purchase", at(6, "00:00"), "null");
            storedBefore(store, "many", "8", "open", at(2, "10:00"), "null");
            // steady: the days 2, 3 and 4 in a row, one without a value.
            storedBefore(store, "steady", "1", "purchase", at(2, "10:00"), "3.0");
            storedBefore(store, "steady", "2", "purchase", at(3, "10:00"), "0.75");
            storedBefore(store, "steady", "3", "purchase", at(4, "10:00"), "null");
            storedBefore(store, "steady", "4", "open", at(3, "11:00"), "1.0");
            // late: first seen on day 4; its event of day 3 counts nowhere. A refund on day 7.
            storedBefore(store, "late", "1", "purchase", at(3, "10:00"), "16.0");
            storedBefore(store, "late", "2", "purchase", at(5, "10:00"), "2.5");
            storedBefore(store, "late", "3", "purchase", at(7, "10:00"), "-1.0");
            // Devices that hold no option of button_color: their events count in no window of it.
            storedBefore(store, "left-out", "1", "purchase", at(2, "10:00"), "32.0");
            storedBefore(store, "left-out", "2", "purchase", at(5, "10:00"), "64.0");
            storedBefore(store, "price-only", "1", "purchase", at(2, "10:00"), "128.0");
            storedBefore(store, "price-only", "2", "purchase", at(4, "10:00"), "256.0");

            try (Instance upgraded = store.start()) {
                EventStore events = upgraded.storage().eventStore();
                assertThat(store.count("select count(*) from device_metric_day where device_token = 'left-out'"))
                        .as("a left-out device counts nowhere").isZero();
                assertThat(store.count("select count(*) from device_metric_day where device_token = 'many'"
                        + " and metric = 'purchase'"))
                        .as("days 1, 3 and 6 of purchase").isEqualTo(3);
                assertThat(store.count("select count(*) from day_pair_count where experiment_key = 'price'"))
                        .as("price-only's own days").isPositive();
                assertThat(compareEveryWindow(store, events)).isGreaterThan(100);

                // Days 3 to 6: many converts once (1.25 + 0.5, whose square has the product of two days),
                // steady once (0.75; its day 4 has no value), late once (2.5).
                Map<String, OptionFigures> expected = new HashMap<>();
                converted(expected, many, 1, 1.75);
                converted(expected, steady, 1, 0.75);
                converted(expected, late, 1, 2.5);
                assertConverted(events.figures(window(3, 7)), expected);

                Device manyDevice = upgraded.ports().devices().find(DeviceToken.of("many")).orElseThrow();
                Device lateDevice = upgraded.ports().devices().find(DeviceToken.of("late")).orElseThrow();
                // many: a day between its days 1 and 3, and one more event on its day 6.
                events.store(manyDevice, batch(event(manyDevice, "9", "purchase", instant(2, "15:00"), 0.25),
                        event(manyDevice, "10", "purchase", instant(6, "12:00"), 1.0)));
                // late: day 4, before its earliest counted day 5, and its day 7 again.
                events.store(lateDevice, batch(event(lateDevice, "4", "purchase", instant(4, "11:00"), 1.5),
                        event(lateDevice, "5", "purchase", instant(7, "11:00"), null)));

                assertThat(compareEveryWindow(store, events)).isGreaterThan(100);
                Map<String, OptionFigures> after = new HashMap<>();
                converted(after, many, 1, 2.75);
                converted(after, steady, 1, 0.75);
                converted(after, late, 1, 4.0);
                assertConverted(events.figures(window(3, 7)), after);
            }
        }
    }

    /** Every window of midnights over the days used and around them, either end open too (not both: whole life). */
    private static int compareEveryWindow(TestStore store, EventStore events) throws SQLException {
        List<Optional<Integer>> ends = new ArrayList<>();
        ends.add(Optional.empty());
        for (int day = -1; day <= DAYS; day++) {
            ends.add(Optional.of(day));
        }
        int compared = 0;
        try (Connection connection = DriverManager.getConnection(store.url(), store.user(), "")) {
            for (Optional<Integer> from : ends) {
                for (Optional<Integer> to : ends) {
                    if (from.isEmpty() && to.isEmpty() || from.isPresent() && to.isPresent() && from.get() >= to.get()) {
                        continue;
                    }
                    for (Set<DeviceToken> excluded : List.of(Set.<DeviceToken>of(), Set.of(DeviceToken.of("many")))) {
                        ResultsScope scope = new ResultsScope(COLORS, PURCHASE, from.map(day -> midnight(day)),
                                to.map(day -> midnight(day)), false, excluded);
                        assertThat(DayWindowFigures.answers(scope)).isTrue();
                        assertThat(events.figures(scope)).as("%s", scope)
                                .isEqualTo(TestStore.scanned(connection, scope));
                        compared++;
                    }
                }
            }
        }
        return compared;
    }

    private static ResultsScope window(int from, int to) {
        return new ResultsScope(COLORS, PURCHASE, Optional.of(midnight(from)), Optional.of(midnight(to)), false,
                Set.of());
    }

    /** Adds one converting device with the window total {@code total} to its option's expected figures. */
    private static void converted(Map<String, OptionFigures> expected, String value, long conversions, double total) {
        OptionFigures one = new OptionFigures(0, 0, conversions, total, total * total);
        expected.merge(value, one, (a, b) -> new OptionFigures(0, 0, a.conversions() + b.conversions(),
                a.sum() + b.sum(), a.sumOfSquares() + b.sumOfSquares()));
    }

    private static void assertConverted(MetricFigures figures, Map<String, OptionFigures> expected) {
        expected.forEach((value, figure) -> {
            OptionFigures actual = figures.options().get(value);
            assertThat(new OptionFigures(0, 0, actual.conversions(), actual.sum(), actual.sumOfSquares()))
                    .as(value).isEqualTo(figure);
        });
    }

    private static Instant midnight(int day) {
        return Timestamps.startOf(DAY_0.plusDays(day));
    }

    private static Instant instant(int day, String time) {
        return midnight(day).plus(Duration.between(Instant.EPOCH, Instant.parse("1970-01-01T" + time + ":00Z")));
    }

    /** A timestamp literal both databases read. */
    private static String at(int day, String time) {
        return "timestamp with time zone '" + DAY_0.plusDays(day) + " " + time + ":00+00'";
    }

    /**
     * What the release before wrote for a device registered at 10:00 of {@code day} with slot {@code slot} of
     * button_color (no other experiment).
     *
     * @return its option's value
     */
    private static String registeredBefore(TestStore store, String token, int day, int slot) throws SQLException {
        String value = COLORS.optionAtSlot(slot).orElseThrow().value();
        device(store, token, day);
        store.execute("select nextval('experiment_slot_1')");
        store.execute("insert into assignment (device_token, experiment_key, option_value, slot) values ('" + token
                + "', 'button_color', '" + value + "', " + slot + ")");
        store.execute("update option_count set devices = devices + 1 where experiment_key = 'button_color'"
                + " and option_value = '" + value + "' and stripe = 0");
        optionDay(store, "button_color", value, day);
        return value;
    }

    /** A device the coverage left out of button_color: its slot in a row without a value. */
    private static void leftOutBefore(TestStore store, String token, int day, int slot) throws SQLException {
        device(store, token, day);
        store.execute("select nextval('experiment_slot_1')");
        store.execute("insert into assignment (device_token, experiment_key, option_value, slot) values ('" + token
                + "', 'button_color', null, " + slot + ")");
        store.execute("update left_out_count set devices = devices + 1 where experiment_key = 'button_color'"
                + " and stripe = 0");
    }

    /** A device that holds slot 0 of price and nothing of button_color. */
    private static void onlyPriceBefore(TestStore store, String token, int day) throws SQLException {
        String value = ShippedExperiments.PRICE.optionAtSlot(0).orElseThrow().value();
        device(store, token, day);
        store.execute("select nextval('experiment_slot_2')");
        store.execute("insert into assignment (device_token, experiment_key, option_value, slot) values ('" + token
                + "', 'price', '" + value + "', 0)");
        store.execute("update option_count set devices = devices + 1 where experiment_key = 'price'"
                + " and option_value = '" + value + "' and stripe = 0");
        optionDay(store, "price", value, day);
    }

    private static void device(TestStore store, String token, int day) throws SQLException {
        store.execute("insert into device (token, first_seen) values ('" + token + "', " + at(day, "10:00") + ")");
        store.execute("update device_count set devices = devices + 1 where stripe = 0");
    }

    private static void optionDay(TestStore store, String experiment, String value, int day) throws SQLException {
        String first = "date '" + DAY_0.plusDays(day) + "'";
        store.execute("insert into option_day_count (experiment_key, first_day, option_value, stripe, devices)"
                + " values ('" + experiment + "', " + first + ", '" + value + "', 0, 0) on conflict do nothing");
        store.execute("update option_day_count set devices = devices + 1 where experiment_key = '" + experiment
                + "' and first_day = " + first + " and option_value = '" + value + "' and stripe = 0");
    }

    /**
     * A raw event as the release before stored it, received when it occurred (the scan prunes by receipt time);
     * its per-metric counters play no part in windows of days.
     */
    private static void storedBefore(TestStore store, String token, String id, String metric, String at,
                                     String amount) throws SQLException {
        store.execute("insert into event_key (device_token, event_id, received_at) values ('" + token + "', '" + id
                + "', " + at + ")");
        store.execute("insert into event (device_token, event_id, metric, occurred_at, received_at, amount) values ('"
                + token + "', '" + id + "', '" + metric + "', " + at + ", " + at + ", " + amount + ")");
    }
}
