package dev.abkit.persistence;

import dev.abkit.core.event.Event;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.abkit.persistence.EventStoreFixture.batch;
import static dev.abkit.persistence.EventStoreFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exposed devices' whole life comes from the counters kept at ingest (V15), and a device's event and
 * exposure batches, sent at once from many threads, leave those counters equal to the scan of the raw events.
 */
class ExposedCountersTest {

    private static final Experiment COLORS = ShippedExperiments.BUTTON_COLOR;
    private static final MetricName PURCHASE = MetricName.of("purchase");
    private static final ResultsScope EXPOSED_WHOLE_LIFE = new ResultsScope(COLORS, PURCHASE, Optional.empty(),
            Optional.empty(), true, Set.of());
    /** The same devices and events as a window wider than any time used, for the scan of the raw events. */
    private static final ResultsScope EXPOSED_AS_WINDOW = new ResultsScope(COLORS, PURCHASE,
            Optional.of(Instant.EPOCH.plusSeconds(1)), Optional.of(Instant.parse("3000-01-01T00:00:00Z")), true,
            Set.of());

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void the_exposed_whole_life_is_answered_from_the_counters_without_reading_the_raw_events(Kind kind)
            throws SQLException {
        try (TestStore store = TestStore.open(kind, directory); Instance instance = store.start()) {
            EventStore events = instance.storage().eventStore();
            Device device = new EventStoreFixture(instance).register("shown");
            Instant later = device.firstSeen().plusSeconds(1);
            events.store(device, batch(event(device, "1", "purchase", later, 5.0),
                    event(device, "2", "purchase", later.plusSeconds(10), 7.0)));
            events.expose(device, new ExposureBatch(List.of(new Exposure(device.token(), COLORS.key(),
                    later.plusSeconds(5)))));
            String value = device.valueIn(COLORS.key()).orElseThrow();
            assertThat(store.scanned(EXPOSED_AS_WINDOW).options().get(value).conversions()).isEqualTo(1);

            store.execute("delete from event");

            assertThat(events.figures(EXPOSED_WHOLE_LIFE).options().get(value))
                    .isEqualTo(new OptionFigures(1, 1, 1, 7.0, 49.0));
            assertThat(store.scanned(EXPOSED_AS_WINDOW).options().get(value).conversions())
                    .as("the scan reads the raw events, now gone").isZero();
        }
    }

    /**
     * Without the device's lock, an exposure that moves the counting start earlier reads the raw events while an
     * event batch of the device, not yet committed, has read the exposure as it was: neither counts those events.
     * (Taken out of {@link DatabaseKind#lockDevice()}, the counters came out short here, about 10 % of the sum.)
     */
    @Test
    void events_and_exposures_of_the_same_devices_from_many_threads_leave_the_counters_equal_to_the_scan()
            throws Exception {
        try (TestStore store = TestStore.open(Kind.POSTGRESQL, directory); Instance instance = store.start()) {
            EventStore events = instance.storage().eventStore();
            EventStoreFixture fixture = new EventStoreFixture(instance);
            List<Device> devices = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Device device = fixture.register("raced-" + i);
                devices.add(device);
                events.expose(device, new ExposureBatch(List.of(new Exposure(device.token(), COLORS.key(),
                        device.firstSeen().plus(Duration.ofHours(4))))));
            }
            Random random = new Random(15);
            AtomicInteger ids = new AtomicInteger();
            List<Callable<Void>> sends = new ArrayList<>();
            // Round after round, each device's exposure moves 2 minutes earlier, over events sent meanwhile in
            // the hours it moves across: each exposure reads raw events that batches in flight are adding.
            for (int round = 0; round < 60; round++) {
                for (Device device : devices) {
                    Instant shown = device.firstSeen().plus(Duration.ofHours(3)).minus(Duration.ofMinutes(2L * round));
                    sends.add(() -> {
                        events.expose(device, new ExposureBatch(List.of(new Exposure(device.token(), COLORS.key(),
                                shown))));
                        return null;
                    });
                    for (int copy = 0; copy < 3; copy++) {
                        long seed = random.nextLong();
                        sends.add(() -> {
                            Random own = new Random(seed);
                            List<Event> batch = new ArrayList<>();
                            for (int e = 0; e < 1 + own.nextInt(4); e++) {
                                Instant at = shown.minus(own.nextLong(0, 600_000_000L), ChronoUnit.MICROS);
                                batch.add(event(device, "e" + ids.incrementAndGet(), own.nextInt(3) == 0 ? "open"
                                        : "purchase", at, own.nextInt(4) == 0 ? null : own.nextInt(40) * 0.25));
                            }
                            events.store(device, new EventBatch(batch, 0));
                            return null;
                        });
                    }
                }
            }
            Concurrently.run(sends, 8);

            MetricFigures counted = events.figures(EXPOSED_WHOLE_LIFE);

            assertThat(counted).isEqualTo(store.scanned(EXPOSED_AS_WINDOW));
            assertThat(counted.options().values().stream().mapToLong(OptionFigures::exposed).sum()).isEqualTo(2);
            assertThat(counted.options().values().stream().mapToLong(OptionFigures::conversions).sum()).isPositive();
        }
    }
}
