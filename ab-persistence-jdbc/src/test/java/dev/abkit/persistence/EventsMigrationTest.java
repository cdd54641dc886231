package dev.abkit.persistence;

import dev.abkit.core.event.MetricName;
import dev.abkit.core.model.Device;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ShippedExperiments;
import dev.abkit.core.port.out.EventStore;
import dev.abkit.core.port.out.EventStore.OptionFigures;
import dev.abkit.core.port.out.EventStore.ResultsScope;
import dev.abkit.persistence.TestStore.Kind;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

import static dev.abkit.persistence.EventStoreFixture.batch;
import static dev.abkit.persistence.EventStoreFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An install of the release before events (schema V9) with a device in it, upgraded by starting this
 * version (V10, V11): the device's events are stored and count for the option it already holds.
 */
class EventsMigrationTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void a_device_registered_before_events_existed_gets_its_events_counted(Kind kind) throws SQLException {
        try (TestStore store = TestStore.open(kind, directory)) {
            Flyway.configure().dataSource(store.url(), store.user(), "").locations("classpath:db/migration")
                    .target("9").load().migrate();
            String value = ShippedExperiments.BUTTON_COLOR.optionAtSlot(0).orElseThrow().value();
            store.execute("insert into device (token, first_seen) values ('before-upgrade', timestamp with time zone '2026-11-30 10:00:00+00')");
            store.execute("select nextval('experiment_slot_1')");
            store.execute("insert into assignment (device_token, experiment_key, option_value, slot)"
                    + " values ('before-upgrade', 'button_color', '" + value + "', 0)");
            store.execute("update device_count set devices = devices + 1 where stripe = 0");
            store.execute("update option_count set devices = devices + 1 where experiment_key = 'button_color'"
                    + " and option_value = '" + value + "' and stripe = 0");

            try (Instance upgraded = store.start()) {
                EventStore events = upgraded.storage().eventStore();
                Device device = upgraded.ports().devices().find(DeviceToken.of("before-upgrade")).orElseThrow();
                events.store(device, batch(event(device, "1", "purchase", device.firstSeen().plusSeconds(5), 4.0)));

                assertThat(events.figures(new ResultsScope(ShippedExperiments.BUTTON_COLOR, MetricName.of("purchase"),
                                Optional.empty(), Optional.empty(), false, Set.of())).options().get(value))
                        .isEqualTo(new OptionFigures(1, 0, 1, 4.0, 16.0));
                assertThat(store.count("select count(*) from event")).isEqualTo(1);
            }
        }
    }
}
