package dev.abkit.core.service;

import dev.abkit.core.AbKit;
import dev.abkit.core.memory.InMemoryDevices;
import dev.abkit.core.memory.InMemoryExperiments;
import dev.abkit.core.memory.InMemorySlotCounters;
import dev.abkit.core.model.Assignment;
import dev.abkit.core.model.Device;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ShippedExperiments;
import dev.abkit.core.port.out.DeviceActivity;
import dev.abkit.core.testing.Concurrently;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Each call of the mobile use case is told to the {@link DeviceActivity} as exactly one of its three events. */
class DeviceActivityTest {

    private final InMemoryExperiments experiments = new InMemoryExperiments();
    private final InMemoryDevices devices = new InMemoryDevices(experiments, new InMemorySlotCounters());
    private final Heard heard = new Heard();

    DeviceActivityTest() {
        experiments.addShipped();
    }

    private AbKit abkit(long deviceMemory) {
        return AbKit.builder().experiments(experiments).devices(devices).enrollmentCounts(devices)
                .rememberDevices(deviceMemory).reportDeviceActivity(heard).build();
    }

    @Test
    void a_new_device_is_registered_with_its_assignments_then_answered_from_memory() {
        AbKit abkit = abkit(1 << 20);
        List<Assignment> first = abkit.experimentsForDevice().experimentsFor(DeviceToken.of("new"));

        assertThat(heard.registered).singleElement().satisfies(device -> {
            assertThat(device.token()).isEqualTo(DeviceToken.of("new"));
            assertThat(device.assignments()).isEqualTo(first);
        });
        assertThat(heard.fromMemory).hasValue(0);

        abkit.experimentsForDevice().experimentsFor(DeviceToken.of("new"));
        abkit.experimentsForDevice().fromMemory(DeviceToken.of("new"));

        assertThat(heard.fromMemory).hasValue(2);
        assertThat(heard.fromStorage).hasValue(0);
        assertThat(heard.registered).hasSize(1);
    }

    @Test
    void a_known_device_not_in_memory_is_answered_from_storage_and_a_miss_of_memory_alone_tells_nothing() {
        abkit(0).experimentsForDevice().experimentsFor(DeviceToken.of("known"));
        heard.registered.clear();
        AbKit remembering = abkit(1 << 20);

        assertThat(remembering.experimentsForDevice().fromMemory(DeviceToken.of("known"))).isEmpty();
        assertThat(heard.fromStorage).as("the caller goes on to experimentsFor, which tells").hasValue(0);
        remembering.experimentsForDevice().experimentsFor(DeviceToken.of("known"));

        assertThat(heard.fromStorage).hasValue(1);
        assertThat(heard.fromMemory).hasValue(0);
        assertThat(heard.registered).isEmpty();
    }

    @Test
    void concurrent_first_requests_of_one_device_tell_one_registration() throws Exception {
        AbKit abkit = abkit(0);

        Concurrently.run(16, 16, i -> abkit.experimentsForDevice().experimentsFor(DeviceToken.of("crowded")));

        assertThat(heard.registered).hasSize(1);
        assertThat(heard.fromStorage).hasValue(15);
    }

    private static final class Heard implements DeviceActivity {
        final AtomicInteger fromMemory = new AtomicInteger();
        final AtomicInteger fromStorage = new AtomicInteger();
        final List<Device> registered = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void answeredFromMemory() {
            fromMemory.incrementAndGet();
        }

        @Override
        public void answeredFromStorage() {
            fromStorage.incrementAndGet();
        }

        @Override
        public void registered(Device device) {
            registered.add(device);
        }
    }
}
