package dev.abkit.persistence;

import dev.abkit.core.event.MetricName;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ShippedExperiments;
import dev.abkit.core.port.out.EventStore.DayFigures;
import dev.abkit.core.service.DeviceEnrollmentService;
import dev.abkit.persistence.TestStore.Kind;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An install of the release before the per-day counter (schema V11) with devices first seen on two UTC
 * days, one of them left out of price by its coverage (R7), upgraded by starting this version (V12): the
 * counter holds the devices already there per option and day, left-out ones nowhere, and registrations go
 * on adding to it.
 */
class DayCountMigrationTest {

    private static final Instant DAY_2 = Instant.parse("2026-11-30T00:00:00Z");

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void devices_registered_before_the_counter_are_counted_by_their_day(Kind kind) throws SQLException {
        try (TestStore store = TestStore.open(kind, directory)) {
            Flyway.configure().dataSource(store.url(), store.user(), "")
                    .locations("classpath:db/migration", DatabaseKind.valueOf(kind.name()).vendorMigrations())
                    .target("11").load().migrate();
            // Slot 0 on the evening before (UTC), slots 1 and 2 on the day after midnight.
            registeredBefore(store, 0, "2026-11-29 23:59:59+00", "10");
            registeredBefore(store, 1, "2026-11-30 00:00:00+00", "10");
            registeredBefore(store, 2, "2026-11-30 01:00:00+01", null); // 00:00 UTC, left out of price

            try (Instance upgraded = store.start()) {
                assertThat(DayCounterCheck.differing(store)).isZero();
                assertThat(devices(upgraded, ShippedExperiments.BUTTON_COLOR)).isEqualTo(Map.of(
                        LocalDate.of(2026, 11, 29), Map.of(colourAt(0), 1L),
                        LocalDate.of(2026, 11, 30), Map.of(colourAt(1), 1L, colourAt(2), 1L)));
                assertThat(devices(upgraded, ShippedExperiments.PRICE)).isEqualTo(Map.of(
                        LocalDate.of(2026, 11, 29), Map.of("10", 1L),
                        LocalDate.of(2026, 11, 30), Map.of("10", 1L)));

                new DeviceEnrollmentService(upgraded.ports().experiments(), upgraded.ports().devices(),
                        Clock.fixed(DAY_2.plusSeconds(60), ZoneOffset.UTC)).experimentsFor(DeviceToken.of("after-upgrade"));

                assertThat(DayCounterCheck.differing(store)).isZero();
                assertThat(store.count("select sum(devices) from option_day_count where experiment_key = 'button_color'"
                        + " and first_day = date '2026-11-30'")).isEqualTo(3);
            }
        }
    }

    /** What the release before wrote for one device: the device, its slots of both experiments, the counters. */
    private static void registeredBefore(TestStore store, int slot, String firstSeen, String price) throws SQLException {
        String token = "before-" + slot;
        store.execute("insert into device (token, first_seen) values ('" + token + "', timestamp with time zone '"
                + firstSeen + "')");
        store.execute("select nextval('experiment_slot_1')");
        store.execute("select nextval('experiment_slot_2')");
        store.execute("insert into assignment (device_token, experiment_key, option_value, slot) values ('" + token
                + "', 'button_color', '" + colourAt(slot) + "', " + slot + "), ('" + token + "', 'price', "
                + (price == null ? "null" : "'" + price + "'") + ", " + slot + ")");
        store.execute("update device_count set devices = devices + 1 where stripe = 0");
        store.execute("update option_count set devices = devices + 1 where experiment_key = 'button_color'"
                + " and option_value = '" + colourAt(slot) + "' and stripe = 0");
        store.execute(price == null
                ? "update left_out_count set devices = devices + 1 where experiment_key = 'price' and stripe = 0"
                : "update option_count set devices = devices + 1 where experiment_key = 'price'"
                + " and option_value = '" + price + "' and stripe = 0");
    }

    private static Map<LocalDate, Map<String, Long>> devices(Instance instance, Experiment experiment) {
        List<DayFigures> daily = instance.storage().eventStore().daily(experiment, MetricName.of("purchase"), Set.of(),
                DAY_2.plusSeconds(3600));
        return daily.stream().collect(Collectors.toMap(DayFigures::day, day -> day.options().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, option -> option.getValue().assigned()))));
    }

    private static String colourAt(int slot) {
        return ShippedExperiments.BUTTON_COLOR.optionAtSlot(slot).orElseThrow().value();
    }
}
