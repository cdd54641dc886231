package dev.abkit.persistence;

import dev.abkit.core.event.EventBatch;
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
 * The figures of one answer come from one snapshot of the database. Here an event batch commits between two
 * statements of a read: an overridden device's first event, inside a window of whole days, just before the read
 * of the overridden devices' own day rows, which are taken out of the day-pair counters. Read from one snapshot,
 * the answer is the one before the batch; read without, the counters (read first) hold nothing of the device and
 * its day rows do, so its option is left with -1 converting devices and a negative sum.
 */
class ResultsSnapshotTest {

    private static final Experiment COLORS = ShippedExperiments.BUTTON_COLOR;
    private static final MetricName PURCHASE = MetricName.of("purchase");

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void a_batch_committed_while_a_window_is_read_changes_nothing_of_that_answer(Kind kind) {
        BeforeStatement interleave = new BeforeStatement("sum(total) from device_metric_day");
        try (TestStore store = TestStore.open(kind, directory); Instance writer = store.start();
             Instance reader = Instance.start(store.url(), store.user(), pool -> { }, interleave::around)) {
            LocalDate first = LocalDate.now(ZoneOffset.UTC).minusDays(3);
            Device device = EventStoreFixture.registeredAt(writer, "overridden-device",
                    Timestamps.startOf(first).plus(Duration.ofMinutes(10)));
            ResultsScope days = new ResultsScope(COLORS, PURCHASE, Optional.of(Timestamps.startOf(first)),
                    Optional.of(Timestamps.startOf(first.plusDays(2))), false, Set.of(device.token()));
            String value = device.valueIn(COLORS.key()).orElseThrow();
            EventStore events = writer.storage().eventStore();
            Instant secondDay = Timestamps.startOf(first.plusDays(1)).plus(Duration.ofHours(12));
            interleave.arm(() -> events.store(device, new EventBatch(List.of(event(device, "late", "purchase",
                    secondDay, 3.0)), 0)));

            MetricFigures during = reader.storage().eventStore().figures(days);

            assertThat(interleave.ran()).as("the event was committed during the read").isTrue();
            assertThat(during.options().get(value)).isEqualTo(new OptionFigures(0, 0, 0, 0.0, 0.0));
            assertThat(during.overridden()).isEqualTo(1);
            ResultsScope notOverridden = new ResultsScope(COLORS, PURCHASE, days.from(), days.to(), false, Set.of());
            assertThat(reader.storage().eventStore().figures(notOverridden).options().get(value))
                    .as("the event is counted").isEqualTo(new OptionFigures(1, 0, 1, 3.0, 9.0));
        }
    }
}
