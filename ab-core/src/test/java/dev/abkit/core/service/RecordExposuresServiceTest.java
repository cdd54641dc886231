package dev.abkit.core.service;

import dev.abkit.core.AbKit;
import dev.abkit.core.error.InvalidEventException;
import dev.abkit.core.error.UnknownDeviceException;
import dev.abkit.core.event.ExposureBatch;
import dev.abkit.core.event.ExposureInput;
import dev.abkit.core.event.MetricName;
import dev.abkit.core.event.Receipt;
import dev.abkit.core.memory.InMemoryDevices;
import dev.abkit.core.memory.InMemoryEventStore;
import dev.abkit.core.memory.InMemoryExperiments;
import dev.abkit.core.memory.InMemorySlotCounters;
import dev.abkit.core.model.Device;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ShippedExperiments;
import dev.abkit.core.port.in.Ingested;
import dev.abkit.core.port.out.EventStore;
import dev.abkit.core.port.out.EventStore.ResultsScope;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;

class RecordExposuresServiceTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final DeviceToken DEVICE = DeviceToken.of("device-1");

    private final InMemoryExperiments experiments = new InMemoryExperiments();
    private final InMemoryDevices devices = new InMemoryDevices(experiments, new InMemorySlotCounters());

    RecordExposuresServiceTest() {
        experiments.addShipped();
    }

    private void register() {
        AbKit.builder().experiments(experiments).devices(devices).enrollmentCounts(devices).build()
                .experimentsForDevice().experimentsFor(DEVICE);
    }

    private static ExposureBatch batch(String... experimentKeys) {
        return ExposureBatch.of(DEVICE, java.util.Arrays.stream(experimentKeys)
                .map(key -> new ExposureInput(key, null)).toList(), Receipt.at(NOW));
    }

    @Test
    void exposures_of_a_device_never_seen_are_refused_and_never_reach_the_store() {
        EventStore store = mock(EventStore.class);

        assertThatThrownBy(() -> new RecordExposuresService(devices, experiments, store).record(batch("price")))
                .isInstanceOf(UnknownDeviceException.class);
        then(store).shouldHaveNoInteractions();
    }

    @Test
    void an_exposure_to_a_missing_experiment_refuses_the_request_naming_the_field_as_the_client_wrote_it() {
        register();
        EventStore store = mock(EventStore.class);
        RecordExposuresService service = new RecordExposuresService(devices, experiments, store);

        assertThatThrownBy(() -> service.record(batch("price", "checkout", "button_color")))
                .isInstanceOfSatisfying(InvalidEventException.class,
                        e -> assertThat(e.field()).isEqualTo("exposures[1].experiment"))
                .hasMessageContaining("checkout");
        assertThatThrownBy(() -> service.record(
                ExposureBatch.single(DEVICE, new ExposureInput("checkout", null), Receipt.at(NOW))))
                .isInstanceOfSatisfying(InvalidEventException.class,
                        e -> assertThat(e.field()).isEqualTo("experiment"));
        then(store).shouldHaveNoInteractions();
    }

    @Test
    void every_exposure_of_the_batch_is_accepted_and_the_store_keeps_it() {
        register();
        InMemoryEventStore store = new InMemoryEventStore(devices);
        RecordExposuresService service = new RecordExposuresService(devices, experiments, store);

        assertThat(service.record(batch("price", "price", "button_color"))).isEqualTo(new Ingested(3, 0));

        Device device = devices.find(DEVICE).orElseThrow();
        String option = device.valueIn(ShippedExperiments.PRICE.key()).orElseThrow();
        EventStore.MetricFigures exposed = store.figures(new ResultsScope(ShippedExperiments.PRICE,
                MetricName.of("purchase"), Optional.empty(), Optional.empty(), true, Set.of()));
        assertThat(exposed.options().get(option).exposed()).isEqualTo(1);
        assertThat(exposed.options().values().stream().mapToLong(EventStore.OptionFigures::exposed).sum())
                .as("the device once, in its own option").isEqualTo(1);
    }
}
