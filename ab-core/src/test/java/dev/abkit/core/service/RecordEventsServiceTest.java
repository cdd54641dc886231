package dev.abkit.core.service;

import dev.abkit.core.AbKit;
import dev.abkit.core.error.UnknownDeviceException;
import dev.abkit.core.event.EventBatch;
import dev.abkit.core.event.EventInput;
import dev.abkit.core.event.Receipt;
import dev.abkit.core.memory.InMemoryDevices;
import dev.abkit.core.memory.InMemoryEventStore;
import dev.abkit.core.memory.InMemoryExperiments;
import dev.abkit.core.memory.InMemorySlotCounters;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ShippedExperiments;
import dev.abkit.core.port.in.Ingested;
import dev.abkit.core.port.out.EventStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;

class RecordEventsServiceTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final DeviceToken DEVICE = DeviceToken.of("device-1");

    private final InMemoryExperiments experiments = new InMemoryExperiments();
    private final InMemoryDevices devices = new InMemoryDevices(experiments, new InMemorySlotCounters());

    RecordEventsServiceTest() {
        experiments.addShipped();
    }

    private static EventBatch batch(String... ids) {
        return EventBatch.of(DEVICE, java.util.Arrays.stream(ids)
                .map(id -> new EventInput(id, "purchase", null, null, null)).toList(), Receipt.at(NOW));
    }

    private void register() {
        AbKit.builder().experiments(experiments).devices(devices).enrollmentCounts(devices).build()
                .experimentsForDevice().experimentsFor(DEVICE);
    }

    @Test
    void events_of_a_device_never_seen_are_refused_and_never_reach_the_store() {
        EventStore store = mock(EventStore.class);
        RecordEventsService service = new RecordEventsService(devices, store);

        assertThatThrownBy(() -> service.record(batch("e-1")))
                .isInstanceOfSatisfying(UnknownDeviceException.class, e -> assertThat(e.token()).isEqualTo(DEVICE));
        then(store).shouldHaveNoInteractions();
        assertThat(devices.find(DEVICE)).as("an event never registers its device").isEmpty();
    }

    @Test
    void new_events_are_accepted_and_repeats_within_the_batch_or_from_earlier_requests_are_duplicates() {
        register();
        RecordEventsService service = new RecordEventsService(devices, new InMemoryEventStore(devices));

        assertThat(service.record(batch("e-1", "e-2", "e-1"))).isEqualTo(new Ingested(2, 1));
        assertThat(service.record(batch("e-1", "e-2", "e-1"))).as("the same request again")
                .isEqualTo(new Ingested(0, 3));
        assertThat(service.record(batch("e-2", "e-3"))).isEqualTo(new Ingested(1, 1));
    }

    @Test
    void the_store_gets_the_device_as_registered() {
        register();
        EventStore store = mock(EventStore.class);
        EventBatch batch = batch("e-1");

        new RecordEventsService(devices, store).record(batch);

        then(store).should().store(devices.find(DEVICE).orElseThrow(), batch);
        then(store).shouldHaveNoMoreInteractions();
    }
}
