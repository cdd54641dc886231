package dev.abkit.persistence;

import dev.abkit.core.contract.StoragePorts;
import dev.abkit.core.event.MetricName;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ShippedExperiments;
import dev.abkit.core.port.out.EventStore;
import dev.abkit.core.port.out.EventStore.OptionFigures;
import dev.abkit.core.port.out.EventStore.ResultsScope;
import dev.abkit.core.service.DeviceEnrollmentService;
import dev.abkit.persistence.TestStore.Kind;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The devices assigned before a window's end, which {@link AssignedBefore} reads from the per-day counter and
 * the end's own day on either side of it: for ends on a midnight, before noon, at noon and after it, each
 * option's count equals the stored assignments of devices first seen before the end, an overridden device
 * left out only once it was assigned.
 */
class AssignedBeforeTest {

    private static final List<Instant> FIRST_SEEN = List.of(Instant.parse("2026-11-30T22:00:00Z"),
            Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-01T03:00:00Z"),
            Instant.parse("2026-12-01T11:59:59.999999Z"), Instant.parse("2026-12-01T12:00:00Z"),
            Instant.parse("2026-12-01T13:00:00Z"), Instant.parse("2026-12-01T23:59:59.999999Z"),
            Instant.parse("2026-12-02T01:00:00Z"));
    private static final List<Instant> ENDS = List.of(Instant.parse("2026-12-01T00:00:00Z"),
            Instant.parse("2026-12-01T03:00:00Z"), Instant.parse("2026-12-01T06:00:00Z"),
            Instant.parse("2026-12-01T12:00:00Z"), Instant.parse("2026-12-01T12:00:00.000001Z"),
            Instant.parse("2026-12-01T13:00:00Z"), Instant.parse("2026-12-01T18:00:00Z"),
            Instant.parse("2026-12-02T00:00:00Z"), Instant.parse("2026-12-03T00:00:00Z"));
    private static final DeviceToken OVERRIDDEN = DeviceToken.of("at-5-0");

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void devices_assigned_before_the_end_are_those_first_seen_before_it(Kind kind) {
        try (TestStore store = TestStore.open(kind, directory); Instance instance = store.start()) {
            StoragePorts ports = instance.ports();
            for (int i = 0; i < FIRST_SEEN.size(); i++) {
                register(ports, FIRST_SEEN.get(i), "at-" + i + "-", 3);
            }
            EventStore events = instance.storage().eventStore();
            for (Instant end : ENDS) {
                ResultsScope scope = new ResultsScope(ShippedExperiments.BUTTON_COLOR, MetricName.of("purchase"),
                        Optional.empty(), Optional.of(end), false, Set.of(OVERRIDDEN));
                var figures = events.figures(scope).options();
                for (var option : figures.entrySet()) {
                    assertThat(option.getValue().assigned()).as("%s before %s", option.getKey(), end)
                            .isEqualTo(storedBefore(store, option.getKey(), end));
                }
                assertThat(figures.values().stream().mapToLong(OptionFigures::assigned).sum()).as("before %s", end)
                        .isEqualTo(store.count("select count(*) from device where first_seen < timestamp with time zone '"
                                + end + "' and token <> '" + OVERRIDDEN.value() + "'"));
            }
        }
    }

    private static long storedBefore(TestStore store, String option, Instant end) {
        return store.count("select count(*) from assignment a join device d on d.token = a.device_token"
                + " where a.experiment_key = 'button_color' and a.option_value = '" + option + "'"
                + " and d.first_seen < timestamp with time zone '" + end + "'"
                + " and a.device_token <> '" + OVERRIDDEN.value() + "'");
    }

    private static void register(StoragePorts ports, Instant at, String prefix, int count) {
        DeviceEnrollmentService service = new DeviceEnrollmentService(ports.experiments(), ports.devices(),
                Clock.fixed(at, ZoneOffset.UTC));
        for (int i = 0; i < count; i++) {
            service.experimentsFor(DeviceToken.of(prefix + i));
        }
    }
}
