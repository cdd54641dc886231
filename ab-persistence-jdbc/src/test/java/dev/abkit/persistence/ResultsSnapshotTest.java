package dev.abkit.persistence;

import dev.abkit.core.event.EventBatch;
import dev.abkit.core.event.MetricName;
import dev.abkit.core.model.Device;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ShippedExperiments;
import dev.abkit.core.port.out.EventStore;
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
 * statements of a read: a late event on the whole day of a window with ends inside days, just before the
 * query of its part-days. Read from one snapshot, that answer is the one before the batch; read without, the
 * day-pair counters (read first) do not see the device on the whole day and the part-day query does, so the
 * device is counted as converting by neither, its option has values and no converting device, and the read
 * fails.
 */
class ResultsSnapshotTest {

    private static final Experiment COLORS = ShippedExperiments.BUTTON_COLOR;
    private static final MetricName PURCHASE = MetricName.of("purchase");

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void a_batch_committed_while_a_window_is_read_changes_nothing_of_that_answer(Kind kind) {
        BeforeStatement interleave = new BeforeStatement("m.device_token = part.device_token");
        try (TestStore store = TestStore.open(kind, directory); Instance writer = store.start();
             Instance reader = Instance.start(store.url(), store.user(), pool -> { }, interleave::around)) {
            LocalDate first = LocalDate.now(ZoneOffset.UTC).minusDays(3);
            Device device = EventStoreFixture.registeredAt(writer, "snapshot-device",
                    Timestamps.startOf(first).plus(Duration.ofMinutes(10)));
            EventStore events = writer.storage().eventStore();
            events.store(device, new EventBatch(List.of(event(device, "tail", "purchase",
                    Timestamps.startOf(first.plusDays(2)).plus(Duration.ofHours(8)), 2.0)), 0));
            ResultsScope window = new ResultsScope(COLORS, PURCHASE,
                    Optional.of(Timestamps.startOf(first).plus(Duration.ofHours(6))),
                    Optional.of(Timestamps.startOf(first.plusDays(2)).plus(Duration.ofHours(12))), false, Set.of());
            assertThat(PartDayWindowFigures.answers(window)).isTrue();
            String value = device.valueIn(COLORS.key()).orElseThrow();
            Instant wholeDay = Timestamps.startOf(first.plusDays(1)).plus(Duration.ofHours(12));
            interleave.arm(() -> events.store(device, new EventBatch(List.of(event(device, "late", "purchase",
                    wholeDay, 3.0)), 0)));

            OptionFigures during = reader.storage().eventStore().figures(window).options().get(value);

            assertThat(interleave.ran()).as("the late event was committed during the read").isTrue();
            assertThat(during).isEqualTo(new OptionFigures(1, 0, 1, 2.0, 4.0));
            assertThat(reader.storage().eventStore().figures(window).options().get(value))
                    .as("read again, with the late event").isEqualTo(new OptionFigures(1, 0, 1, 5.0, 25.0));
        }
    }
}
