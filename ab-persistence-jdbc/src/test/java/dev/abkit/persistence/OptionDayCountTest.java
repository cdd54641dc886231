package dev.abkit.persistence;

import dev.abkit.core.contract.StoragePorts;
import dev.abkit.core.error.StorageFailureException;
import dev.abkit.core.event.MetricName;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ShippedExperiments;
import dev.abkit.core.port.out.EventStore.DayCounts;
import dev.abkit.core.port.out.EventStore.DayFigures;
import dev.abkit.core.service.DeviceEnrollmentService;
import dev.abkit.persistence.TestStore.Kind;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The per-day counter of new devices, kept by registrations: after registrations on either side of a
 * UTC midnight and one that fails after writing its counters, it counts exactly the stored devices per
 * option and day, and {@code daily()} reads those days.
 */
class OptionDayCountTest {

    private static final Instant LAST_OF_DAY_1 = Instant.parse("2026-11-30T23:59:59.999999Z");
    private static final Instant FIRST_OF_DAY_2 = Instant.parse("2026-12-01T00:00:00Z");

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void registrations_count_per_day_and_a_rolled_back_one_counts_nowhere(Kind kind) throws Exception {
        try (TestStore store = TestStore.open(kind, directory); Instance instance = store.start()) {
            StoragePorts ports = instance.ports();
            register(ports, LAST_OF_DAY_1, "day-1-", 5);
            register(ports, FIRST_OF_DAY_2, "day-2-", 4);
            // A missing counter row fails the next registration after its script wrote the day's counter.
            store.execute("delete from option_count where experiment_key = 'price'");
            assertThatThrownBy(() -> register(ports, FIRST_OF_DAY_2, "rolled-back-", 1))
                    .isInstanceOf(StorageFailureException.class);

            assertThat(DayCounterCheck.differing(store)).isZero();
            assertThat(store.count("select coalesce(sum(devices), 0) from option_day_count")).as("two experiments")
                    .isEqualTo(2 * 9);
            assertThat(devicesPerDay(instance.storage().eventStore().daily(ShippedExperiments.BUTTON_COLOR,
                    MetricName.of("purchase"), Set.of(), FIRST_OF_DAY_2)))
                    .isEqualTo(Map.of(LocalDate.of(2026, 11, 30), 5L, LocalDate.of(2026, 12, 1), 4L));
        }
    }

    private static void register(StoragePorts ports, Instant at, String prefix, int count) {
        DeviceEnrollmentService service = new DeviceEnrollmentService(ports.experiments(), ports.devices(),
                Clock.fixed(at, ZoneOffset.UTC));
        for (int i = 0; i < count; i++) {
            service.experimentsFor(DeviceToken.of(prefix + i));
        }
    }

    private static Map<LocalDate, Long> devicesPerDay(Iterable<DayFigures> daily) {
        Map<LocalDate, Long> devices = new TreeMap<>();
        for (DayFigures day : daily) {
            devices.put(day.day(), day.options().values().stream().mapToLong(DayCounts::assigned).sum());
        }
        return devices;
    }
}
