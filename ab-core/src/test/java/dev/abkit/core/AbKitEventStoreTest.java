package dev.abkit.core;

import dev.abkit.core.event.EventBatch;
import dev.abkit.core.event.EventInput;
import dev.abkit.core.event.MetricName;
import dev.abkit.core.event.Receipt;
import dev.abkit.core.memory.InMemoryDevices;
import dev.abkit.core.memory.InMemoryExperiments;
import dev.abkit.core.memory.InMemorySlotCounters;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ShippedExperiments;
import dev.abkit.core.port.in.Ingested;
import dev.abkit.core.results.ResultsQuery;
import dev.abkit.core.testing.TickingClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Events and results are optional parts of a kit: there with an event store, refused plainly without one. */
class AbKitEventStoreTest {

    @Test
    void a_kit_without_an_event_store_says_to_give_one_when_asked_for_events_or_results() {
        InMemoryExperiments experiments = new InMemoryExperiments();
        InMemoryDevices devices = new InMemoryDevices(experiments, new InMemorySlotCounters());
        AbKit kit = AbKit.builder().experiments(experiments).devices(devices).enrollmentCounts(devices).build();

        for (Runnable useCase : List.<Runnable>of(kit::recordEvents, kit::recordExposures, kit::readResults)) {
            assertThatThrownBy(useCase::run).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("AbKit.builder().eventStore(");
        }
    }

    @Test
    void the_in_memory_kit_records_events_and_counts_them_in_results() {
        TickingClock clock = new TickingClock(Instant.parse("2026-06-01T12:00:00Z"));
        AbKit kit = AbKit.inMemory(clock);
        DeviceToken device = DeviceToken.of("device-1");
        kit.experimentsForDevice().experimentsFor(device);
        EventBatch batch = EventBatch.single(device, new EventInput("e-1", "purchase", null, 9.5, null),
                Receipt.at(clock.instant().plusSeconds(1)));

        assertThat(kit.recordEvents().record(batch)).isEqualTo(new Ingested(1, 0));

        var results = kit.readResults().results(ResultsQuery.wholeLife(ShippedExperiments.PRICE.key(),
                MetricName.of("purchase")));
        assertThat(results.options()).extracting(row -> row.conversions()).containsExactlyInAnyOrder(1L, 0L, 0L, 0L);
    }
}
