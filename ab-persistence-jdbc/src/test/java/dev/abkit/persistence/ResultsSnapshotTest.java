package dev.abkit.persistence;

import dev.abkit.core.event.EventBatch;
import dev.abkit.core.event.Exposure;
import dev.abkit.core.event.ExposureBatch;
import dev.abkit.core.event.MetricName;
import dev.abkit.core.model.Device;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ShippedExperiments;
import dev.abkit.core.port.out.EventStore;
import dev.abkit.core.port.out.EventStore.MetricFigures;
import dev.abkit.core.port.out.EventStore.OptionFigures;
import dev.abkit.core.port.out.EventStore.ResultsScope;
import dev.abkit.persistence.TestStore.Kind;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.abkit.persistence.EventStoreFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The figures of one answer come from one snapshot of the database. In each test an event or an exposure commits
 * between two statements of a read, just before the statement that would see it when the earlier ones did not.
 * Read from one snapshot, the answer is the one before that commit; read without, it mixes the two states: an
 * overridden device's first event taken out of counters that never held it (-1 converting devices, a negative
 * sum), or a device counted as converting among the exposed but not as exposed.
 */
class ResultsSnapshotTest {

    private static final Experiment COLORS = ShippedExperiments.BUTTON_COLOR;
    private static final MetricName PURCHASE = MetricName.of("purchase");
    private static final OptionFigures NOTHING = new OptionFigures(0, 0, 0, 0.0, 0.0);

    @TempDir
    Path directory;

    /** Whole days: the day-pair counters, then the overridden devices' own day rows to take out. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void an_overridden_devices_event_committed_while_a_window_of_days_is_read_changes_nothing_of_it(Kind kind) {
        LocalDate first = LocalDate.now(ZoneOffset.UTC).minusDays(3);
        overriddenDevicesEventDuringARead(kind, "sum(total) from device_metric_day", new ResultsScope(COLORS, PURCHASE,
                Optional.of(Timestamps.startOf(first)), Optional.of(Timestamps.startOf(first.plusDays(2))), false,
                Set.of()), first);
    }

    /** The whole life: the counters, then the overridden devices' own rows to take out. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void an_overridden_devices_event_committed_while_the_whole_life_is_read_changes_nothing_of_it(Kind kind) {
        overriddenDevicesEventDuringARead(kind, "first_at from device_metric where metric", new ResultsScope(COLORS,
                PURCHASE, Optional.empty(), Optional.empty(), false, Set.of()), LocalDate.now(ZoneOffset.UTC).minusDays(3));
    }

    /** A scanned window of exposed devices: the exposed devices, then the events of the exposed ones. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void an_exposure_committed_while_a_scan_reads_the_exposed_changes_nothing_of_it(Kind kind) {
        BeforeStatement interleave = new BeforeStatement("from event e");
        try (TestStore store = TestStore.open(kind, directory); Instance writer = store.start();
             Instance reader = Instance.start(store.url(), store.user(), pool -> { }, interleave::around)) {
            Instant dayStart = Timestamps.startOf(LocalDate.now(ZoneOffset.UTC).minusDays(3));
            Device device = EventStoreFixture.registeredAt(writer, "shown-device", dayStart.plus(Duration.ofMinutes(10)));
            EventStore events = writer.storage().eventStore();
            events.store(device, new EventBatch(List.of(event(device, "1", "purchase", dayStart.plus(Duration.ofHours(1)),
                    2.0)), 0));
            ResultsScope exposedWindow = new ResultsScope(COLORS, PURCHASE, Optional.of(dayStart.plusSeconds(300)),
                    Optional.of(dayStart.plus(Duration.ofHours(2))), true, Set.of());
            String value = device.valueIn(COLORS.key()).orElseThrow();
            interleave.arm(() -> events.expose(device, new ExposureBatch(List.of(new Exposure(device.token(),
                    COLORS.key(), dayStart.plus(Duration.ofMinutes(20)))))));

            OptionFigures during = reader.storage().eventStore().figures(exposedWindow).options().get(value);

            assertThat(interleave.ran()).as("the exposure was committed during the read").isTrue();
            assertThat(during).isEqualTo(new OptionFigures(1, 0, 0, 0.0, 0.0));
            assertThat(reader.storage().eventStore().figures(exposedWindow).options().get(value))
                    .as("read again, exposed").isEqualTo(new OptionFigures(1, 1, 1, 2.0, 4.0));
        }
    }

    /**
     * An overridden device's first event, on the second of the days from {@code first}, committed just before the
     * statement with {@code marker}; the scope's answer for its option must stay empty, and the same scope without
     * the override counts the event.
     */
    private void overriddenDevicesEventDuringARead(Kind kind, String marker, ResultsScope scope, LocalDate first) {
        BeforeStatement interleave = new BeforeStatement(marker);
        try (TestStore store = TestStore.open(kind, directory); Instance writer = store.start();
             Instance reader = Instance.start(store.url(), store.user(), pool -> { }, interleave::around)) {
            Device device = EventStoreFixture.registeredAt(writer, "overridden-device",
                    Timestamps.startOf(first).plus(Duration.ofMinutes(10)));
            ResultsScope overridden = new ResultsScope(scope.experiment(), scope.metric(), scope.from(), scope.to(),
                    scope.exposed(), Set.of(device.token()));
            String value = device.valueIn(COLORS.key()).orElseThrow();
            EventStore events = writer.storage().eventStore();
            Instant secondDay = Timestamps.startOf(first.plusDays(1)).plus(Duration.ofHours(12));
            interleave.arm(() -> events.store(device, new EventBatch(List.of(event(device, "late", "purchase",
                    secondDay, 3.0)), 0)));

            MetricFigures during = reader.storage().eventStore().figures(overridden);

            assertThat(interleave.ran()).as("the event was committed during the read").isTrue();
            assertThat(during.options().get(value)).isEqualTo(NOTHING);
            assertThat(during.slots().hidden()).as("the overridden device's slot").isEqualTo(1);
            assertThat(reader.storage().eventStore().figures(scope).options().get(value))
                    .as("the event is counted").isEqualTo(new OptionFigures(1, 0, 1, 3.0, 9.0));
        }
    }
}
