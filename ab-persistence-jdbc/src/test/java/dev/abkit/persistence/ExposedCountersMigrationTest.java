package dev.abkit.persistence;

import dev.abkit.core.event.Exposure;
import dev.abkit.core.event.ExposureBatch;
import dev.abkit.core.event.MetricName;
import dev.abkit.core.model.Device;
import dev.abkit.core.model.DeviceToken;
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
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.abkit.persistence.EventStoreFixture.batch;
import static dev.abkit.persistence.EventStoreFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An install of the release before the exposed counters (schema V14) with devices, their events and exposures,
 * upgraded by starting this version (V15): the exposed whole life, now read from the counters, is what the scan
 * of the raw events gave before, and events and exposures after the upgrade go on adding to it; so does a window
 * of whole days around them, from the exposed day-pair counters that V18 fills from the same rows.
 */
class ExposedCountersMigrationTest {

    private static final MetricName PURCHASE = MetricName.of("purchase");
    private static final ResultsScope EXPOSED_WHOLE_LIFE = new ResultsScope(ShippedExperiments.BUTTON_COLOR, PURCHASE,
            Optional.empty(), Optional.empty(), true, Set.of());
    /** The scan V14 answered the exposed whole life with, asked directly for a window wider than every time used. */
    private static final ResultsScope SCANNED = new ResultsScope(ShippedExperiments.BUTTON_COLOR, PURCHASE,
            Optional.of(Instant.EPOCH.plusSeconds(1)), Optional.of(Instant.parse("3000-01-01T00:00:00Z")), true,
            Set.of());
    /** The same window of whole days: from V18's exposed day-pair counters, filled from the same rows. */
    private static final ResultsScope OF_DAYS = new ResultsScope(ShippedExperiments.BUTTON_COLOR, PURCHASE,
            Optional.of(Instant.EPOCH), Optional.of(Instant.parse("3000-01-01T00:00:00Z")), true, Set.of());

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void the_exposed_whole_life_of_events_stored_before_the_counters_is_what_the_scan_gave(Kind kind)
            throws SQLException {
        try (TestStore store = TestStore.open(kind, directory)) {
            Flyway.configure().dataSource(store.url(), store.user(), "")
                    .locations("classpath:db/migration", DatabaseKind.valueOf(kind.name()).vendorMigrations())
                    .target("14").load().migrate();
            registeredBefore(store, "shown", 0);
            registeredBefore(store, "early", 1);
            registeredBefore(store, "unexposed", 2);
            // shown: exposed at 11:00, after its first_seen; its events before then do not count.
            storedBefore(store, "shown", "1", "09:00", "1.0");
            storedBefore(store, "shown", "2", "10:30", "2.0");
            storedBefore(store, "shown", "3", "12:00", "4.0");
            storedBefore(store, "shown", "4", "12:30", "null");
            store.execute("insert into exposure (experiment_key, device_token, first_at) values ('button_color',"
                    + " 'shown', timestamp with time zone '2026-11-30 11:00:00+00')");
            // early: exposed before its first_seen, so it counts from its first_seen.
            storedBefore(store, "early", "1", "09:30", "8.0");
            storedBefore(store, "early", "2", "10:00", "0.5");
            store.execute("insert into exposure (experiment_key, device_token, first_at) values ('button_color',"
                    + " 'early', timestamp with time zone '2026-11-30 08:00:00+00')");
            storedBefore(store, "unexposed", "1", "11:00", "16.0");
            // An exposure to an experiment the device holds no slot of is kept and never counted.
            store.execute("insert into exposure (experiment_key, device_token, first_at) values ('price',"
                    + " 'unexposed', timestamp with time zone '2026-11-30 11:00:00+00')");

            try (Instance upgraded = store.start()) {
                EventStore events = upgraded.storage().eventStore();
                MetricFigures counted = events.figures(EXPOSED_WHOLE_LIFE);
                assertThat(counted).isEqualTo(store.scanned(SCANNED));
                assertThat(events.figures(OF_DAYS)).isEqualTo(counted);
                assertThat(total(counted)).isEqualTo(new OptionFigures(3, 2, 2, 4.5, 16 + 0.25));
                assertThat(store.count("select count(*) from exposed_count")).as("on stripe 0").isPositive();

                Device shown = upgraded.ports().devices().find(DeviceToken.of("shown")).orElseThrow();
                events.store(shown, batch(event(shown, "5", "purchase", at("13:00"), 1.0)));
                events.expose(shown, new ExposureBatch(List.of(new Exposure(shown.token(),
                        ShippedExperiments.BUTTON_COLOR.key(), at("10:15")))));

                MetricFigures after = events.figures(EXPOSED_WHOLE_LIFE);
                assertThat(total(after)).isEqualTo(new OptionFigures(3, 2, 2, 7.5, 49 + 0.25));
                assertThat(after).isEqualTo(store.scanned(SCANNED));
                assertThat(events.figures(OF_DAYS)).isEqualTo(after);
            }
        }
    }

    private static Instant at(String time) {
        return Instant.parse("2026-11-30T" + time + ":00Z");
    }

    /** What the release before wrote for a device registered at 10:00 with a slot of button_color (no other). */
    private static void registeredBefore(TestStore store, String token, int slot) throws SQLException {
        String value = ShippedExperiments.BUTTON_COLOR.optionAtSlot(slot).orElseThrow().value();
        store.execute("insert into device (token, first_seen) values ('" + token
                + "', timestamp with time zone '2026-11-30 10:00:00+00')");
        store.execute("select nextval('experiment_slot_1')");
        store.execute("insert into assignment (device_token, experiment_key, option_value, slot) values ('" + token
                + "', 'button_color', '" + value + "', " + slot + ")");
        store.execute("update device_count set devices = devices + 1 where stripe = 0");
        store.execute("update option_count set devices = devices + 1 where experiment_key = 'button_color'"
                + " and option_value = '" + value + "' and stripe = 0");
        store.execute("insert into option_day_count (experiment_key, first_day, option_value, stripe, devices)"
                + " values ('button_color', date '2026-11-30', '" + value + "', 0, 0) on conflict do nothing");
        store.execute("update option_day_count set devices = devices + 1 where experiment_key = 'button_color'"
                + " and first_day = date '2026-11-30' and option_value = '" + value + "' and stripe = 0");
    }

    /** A raw event as the release before stored it (its counters for all devices play no part here). */
    private static void storedBefore(TestStore store, String token, String id, String time, String amount)
            throws SQLException {
        String at = "timestamp with time zone '2026-11-30 " + time + ":00+00'";
        store.execute("insert into event_key (device_token, event_id, received_at) values ('" + token + "', '" + id
                + "', " + at + ")");
        store.execute("insert into event (device_token, event_id, metric, occurred_at, received_at, amount) values ('"
                + token + "', '" + id + "', 'purchase', " + at + ", " + at + ", " + amount + ")");
    }

    private static OptionFigures total(MetricFigures figures) {
        return figures.options().values().stream().reduce(new OptionFigures(0, 0, 0, 0, 0),
                (one, other) -> new OptionFigures(one.assigned() + other.assigned(), one.exposed() + other.exposed(),
                        one.conversions() + other.conversions(), one.sum() + other.sum(),
                        one.sumOfSquares() + other.sumOfSquares()));
    }
}
