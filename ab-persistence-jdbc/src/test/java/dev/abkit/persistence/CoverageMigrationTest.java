package dev.abkit.persistence;

import dev.abkit.core.contract.StoragePorts;
import dev.abkit.core.model.CoveragePlan;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ShippedExperiments;
import dev.abkit.core.service.DeviceEnrollmentService;
import dev.abkit.persistence.TestStore.Kind;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An install of the release before coverage (schema V8) with devices in it, upgraded by starting this
 * version (V9): its experiments enrol everyone as before, its devices keep their values, the
 * statistics find left-out counters for every experiment, and registration goes on at the next slot.
 */
class CoverageMigrationTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void devices_of_an_install_before_coverage_keep_their_values_and_registration_goes_on(Kind kind)
            throws SQLException {
        try (TestStore store = TestStore.open(kind, directory)) {
            Flyway.configure().dataSource(store.url(), store.user(), "").locations("classpath:db/migration")
                    .target("8").load().migrate();
            // What the release before wrote for one device: the device, its slot 0 of button_color, the counters.
            store.execute("insert into device (token, first_seen) values ('before-upgrade', timestamp with time zone '2026-11-30 10:00:00+00')");
            store.execute("select nextval('experiment_slot_1')");
            store.execute("insert into assignment (device_token, experiment_key, option_value, slot)"
                    + " values ('before-upgrade', 'button_color', '" + valueAtSlot0() + "', 0)");
            store.execute("update device_count set devices = devices + 1 where stripe = 0");
            store.execute("update option_count set devices = devices + 1 where experiment_key = 'button_color'"
                    + " and option_value = '" + valueAtSlot0() + "' and stripe = 0");

            try (Instance upgraded = store.start()) {
                StoragePorts ports = upgraded.ports();
                assertThat(ports.experiments().all()).allSatisfy(
                        experiment -> assertThat(experiment.coveragePlan()).isEqualTo(CoveragePlan.FULL));
                assertThat(ports.experiments().all()).containsExactlyElementsOf(ShippedExperiments.all());
                assertThat(store.count("select count(*) from left_out_count")).as("16 stripes per experiment")
                        .isEqualTo(16L * ShippedExperiments.all().size());
                assertThat(ports.devices().find(DeviceToken.of("before-upgrade")).orElseThrow()
                        .valueIn(ShippedExperiments.BUTTON_COLOR.key())).contains(valueAtSlot0());

                new DeviceEnrollmentService(ports.experiments(), ports.devices(), Clock.systemUTC())
                        .experimentsFor(DeviceToken.of("after-upgrade"));

                assertThat(store.count("select slot from assignment where device_token = 'after-upgrade'"
                        + " and experiment_key = 'button_color'")).isEqualTo(1);
                assertThat(ports.counts().registeredDevices()).isEqualTo(2);
                assertThat(ports.counts().leftOutCounts()).isEmpty();
            }
        }
    }

    private static String valueAtSlot0() {
        return ShippedExperiments.BUTTON_COLOR.optionAtSlot(0).orElseThrow().value();
    }
}
