package dev.abkit.http.cache;

import dev.abkit.core.model.Assignment;
import dev.abkit.core.model.Device;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.port.out.Devices;
import dev.abkit.core.port.out.Enrollment;
import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.GraphLayout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The device cache is bounded by heap, measured here with JOL (the OpenJDK object layout tool): the
 * estimate of a device is never below what it really takes, and a cache fed far more of the largest
 * devices the API admits than its bound keeps no more than its bound.
 */
class DeviceFootprintTest {

    @Test
    void the_estimate_is_never_below_the_measured_size_of_a_device() {
        List<Device> devices = List.of(
                new Device(DeviceToken.of("a"), Instant.EPOCH, List.of()),
                device("pool-12345", 2, 7),
                device(UUID.randomUUID().toString(), 2, 7),
                device("x".repeat(DeviceToken.MAX_LENGTH), 20, 100));

        for (Device device : devices) {
            long measured = GraphLayout.parseInstance(device).totalSize();
            assertThat((long) DeviceFootprint.bytes(device)).as(device.token().value()).isGreaterThanOrEqualTo(measured);
        }
    }

    @Test
    void a_cache_full_of_the_largest_devices_keeps_no_more_than_its_bound() throws InterruptedException {
        long bound = 1024 * 1024;
        CachingDevices cache = new CachingDevices(new NothingStored(), bound);
        List<DeviceToken> tokens = new ArrayList<>();
        for (int i = 0; i < 1000; i++) { // about 6 MiB of devices
            DeviceToken token = DeviceToken.of((i + "-" + "x".repeat(DeviceToken.MAX_LENGTH)).substring(0, DeviceToken.MAX_LENGTH));
            Device device = device(token.value(), 20, 100);
            cache.registerOnce(token, Instant.EPOCH, slots -> device.assignments());
            tokens.add(token);
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (measuredSizeOfCached(cache, tokens) > bound) { // Caffeine evicts in the background
            assertThat(System.nanoTime()).as("evicted down to the bound within 30 s").isLessThan(deadline);
            Thread.sleep(100);
        }
        assertThat(measuredSizeOfCached(cache, tokens)).as("and not far below it").isGreaterThan(bound / 2);
    }

    /** What the devices still in the cache take on the heap, tokens and strings included. */
    private static long measuredSizeOfCached(CachingDevices cache, List<DeviceToken> tokens) {
        // The storage keeps nothing, so a device found is one the cache holds.
        Object[] cached = tokens.stream().map(cache::find).flatMap(Optional::stream).toArray();
        return GraphLayout.parseInstance(cached).totalSize();
    }

    /**
     * A device with {@code experiments} assignments whose keys are as long as allowed and whose values
     * have {@code valueLength} characters, one of them beyond Latin-1 so Java stores two bytes each.
     */
    private static Device device(String token, int experiments, int valueLength) {
        List<Assignment> assignments = new ArrayList<>();
        for (int i = 0; i < experiments; i++) {
            String key = (i + "_" + "k".repeat(ExperimentKey.MAX_LENGTH)).substring(0, ExperimentKey.MAX_LENGTH);
            String value = ("€" + token + i + "v".repeat(valueLength)).substring(0, valueLength);
            assignments.add(new Assignment(ExperimentKey.of(key), value));
        }
        return new Device(DeviceToken.of(token), Instant.EPOCH, assignments);
    }

    /** Storage that keeps nothing, so that everything measured is the cache's. */
    private static final class NothingStored implements Devices {
        @Override
        public Optional<Device> find(DeviceToken token) {
            return Optional.empty();
        }

        @Override
        public Device registerOnce(DeviceToken token, Instant firstSeen, Enrollment enrollment) {
            return new Device(token, firstSeen, enrollment.assign(null));
        }
    }
}
