package dev.abkit.http.cache;

import dev.abkit.core.error.StorageUnavailableException;
import dev.abkit.core.memory.InMemoryDevices;
import dev.abkit.core.memory.InMemoryExperiments;
import dev.abkit.core.memory.InMemorySlotCounters;
import dev.abkit.core.model.Assignment;
import dev.abkit.core.model.Device;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ShippedExperiments;
import dev.abkit.core.port.out.Devices;
import dev.abkit.core.port.out.Enrollment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachingPortsTest {

    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void a_cached_device_is_answered_without_the_wrapped_port() {
        AtomicInteger finds = new AtomicInteger();
        InMemoryDevices stored = new InMemoryDevices(new InMemorySlotCounters());
        CachingDevices devices = new CachingDevices(counting(stored, finds), 1024 * 1024);
        DeviceToken token = DeviceToken.of("d1");

        assertThat(devices.isCached(token)).isFalse();
        assertThat(devices.find(token)).isEmpty();
        Device registered = devices.registerOnce(token, Instant.EPOCH,
                slots -> List.of(new Assignment(ShippedExperiments.PRICE.key(), "10")));

        assertThat(devices.isCached(token)).isTrue();
        int before = finds.get();
        assertThat(devices.find(token)).contains(registered);
        assertThat(finds.get()).isEqualTo(before);
    }

    @Test
    void a_device_found_in_storage_is_cached_and_failures_are_not() {
        InMemoryDevices stored = new InMemoryDevices(new InMemorySlotCounters());
        DeviceToken token = DeviceToken.of("d2");
        stored.registerOnce(token, Instant.EPOCH, slots -> List.of());
        AtomicBoolean down = new AtomicBoolean(true);
        CachingDevices devices = new CachingDevices(new Devices() {
            @Override
            public Optional<Device> find(DeviceToken t) {
                if (down.get()) {
                    throw new StorageUnavailableException("down", null);
                }
                return stored.find(t);
            }

            @Override
            public Device registerOnce(DeviceToken t, Instant firstSeen, Enrollment enrollment) {
                return stored.registerOnce(t, firstSeen, enrollment);
            }
        }, 1024 * 1024);

        assertThatThrownBy(() -> devices.find(token)).isInstanceOf(StorageUnavailableException.class);
        assertThat(devices.isCached(token)).isFalse();
        down.set(false);
        assertThat(devices.find(token)).isPresent();
        assertThat(devices.isCached(token)).isTrue();
    }

    @Test
    void running_experiments_come_from_a_snapshot_that_writes_through_this_instance_renew_at_once() {
        InMemoryExperiments stored = new InMemoryExperiments();
        ShippedExperiments.all().forEach(stored::add);
        CachingExperiments experiments = new CachingExperiments(stored, scheduler, Duration.ofHours(1));

        assertThat(experiments.isLoaded()).isFalse();
        assertThat(experiments.running()).containsExactly(ShippedExperiments.BUTTON_COLOR, ShippedExperiments.PRICE);
        assertThat(experiments.isLoaded()).isTrue();

        experiments.updateStatus(ShippedExperiments.PRICE.stopped());

        assertThat(experiments.running()).containsExactly(ShippedExperiments.BUTTON_COLOR);
        experiments.close();
    }

    @Test
    void a_change_made_elsewhere_shows_after_the_next_refresh_and_an_outage_keeps_the_last_snapshot()
            throws InterruptedException {
        InMemoryExperiments stored = new InMemoryExperiments();
        ShippedExperiments.all().forEach(stored::add);
        AtomicBoolean down = new AtomicBoolean();
        InMemoryExperiments elsewhere = stored;
        CachingExperiments experiments = new CachingExperiments(new FlakyExperiments(stored, down), scheduler,
                Duration.ofMillis(20));
        assertThat(experiments.running()).hasSize(2);

        elsewhere.updateStatus(ShippedExperiments.BUTTON_COLOR.stopped());
        waitUntil(() -> experiments.running().size() == 1);
        assertThat(experiments.running()).containsExactly(ShippedExperiments.PRICE);

        down.set(true);
        waitUntil(() -> experiments.sinceLastLoad().compareTo(Duration.ofMillis(200)) > 0); // ten refreshes failed
        assertThat(experiments.running()).containsExactly(ShippedExperiments.PRICE);

        down.set(false);
        waitUntil(() -> experiments.sinceLastLoad().compareTo(Duration.ofMillis(200)) < 0);
        experiments.close();
    }

    @Test
    void a_load_that_hangs_holds_up_no_other_load_and_never_replaces_a_newer_one() throws Exception {
        InMemoryExperiments stored = new InMemoryExperiments();
        ShippedExperiments.all().forEach(stored::add);
        StallingExperiments stalling = new StallingExperiments(stored);
        CachingExperiments experiments = new CachingExperiments(stalling, scheduler, Duration.ofHours(1));
        assertThat(experiments.running()).hasSize(2);
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            stalling.stallNextLoad();
            Future<?> stalled = writers.submit(() -> experiments.updateStatus(ShippedExperiments.BUTTON_COLOR.stopped()));
            assertThat(stalling.stalled.await(5, TimeUnit.SECONDS)).isTrue();

            Future<?> later = writers.submit(() -> experiments.updateStatus(ShippedExperiments.PRICE.stopped()));
            later.get(5, TimeUnit.SECONDS); // not queued behind the stalled load
            assertThat(experiments.running()).isEmpty();

            stalling.release.countDown();
            stalled.get(5, TimeUnit.SECONDS);
            assertThat(experiments.running()).as("the stalled load read price still running, but it started first").isEmpty();
        } finally {
            stalling.release.countDown();
            writers.shutdownNow();
            experiments.close();
        }
    }

    @Test
    void callers_that_find_no_snapshot_yet_share_one_load() throws Exception {
        InMemoryExperiments stored = new InMemoryExperiments();
        ShippedExperiments.all().forEach(stored::add);
        AtomicInteger loads = new AtomicInteger();
        StallingExperiments stalling = new StallingExperiments(stored) {
            @Override
            public List<Experiment> running() {
                loads.incrementAndGet();
                return super.running();
            }
        };
        CachingExperiments experiments = new CachingExperiments(stalling, scheduler, Duration.ofHours(1));
        stalling.stallNextLoad();
        List<Thread> readers = new ArrayList<>();
        List<List<Experiment>> answers = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 4; i++) {
            readers.add(new Thread(() -> answers.add(experiments.running())));
        }
        try {
            readers.get(0).start();
            assertThat(stalling.stalled.await(5, TimeUnit.SECONDS)).isTrue();
            readers.subList(1, 4).forEach(Thread::start);
            waitUntil(() -> readers.subList(1, 4).stream().allMatch(reader -> reader.getState() == Thread.State.WAITING));

            stalling.release.countDown();
            for (Thread reader : readers) {
                reader.join(5000);
            }
            assertThat(answers).hasSize(4).allSatisfy(answer -> assertThat(answer).hasSize(2));
            assertThat(loads.get()).as("loads from the store").isEqualTo(1);
        } finally {
            stalling.release.countDown();
            experiments.close();
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 5 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static Devices counting(Devices devices, AtomicInteger finds) {
        return new Devices() {
            @Override
            public Optional<Device> find(DeviceToken token) {
                finds.incrementAndGet();
                return devices.find(token);
            }

            @Override
            public Device registerOnce(DeviceToken token, Instant firstSeen, Enrollment enrollment) {
                return devices.registerOnce(token, firstSeen, enrollment);
            }
        };
    }

    /**
     * Experiments whose next load, once armed, reads the store and then stalls before it answers, as a
     * reply held up on the network, until {@code release} opens.
     */
    private static class StallingExperiments extends FlakyExperiments {
        final CountDownLatch stalled = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final AtomicBoolean armed = new AtomicBoolean();

        StallingExperiments(InMemoryExperiments stored) {
            super(stored, new AtomicBoolean());
        }

        void stallNextLoad() {
            armed.set(true);
        }

        @Override
        public List<Experiment> running() {
            List<Experiment> read = super.running();
            if (armed.compareAndSet(true, false)) {
                stalled.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return read;
        }
    }

    /** Experiments whose reads fail while {@code down} is set. */
    private static class FlakyExperiments implements dev.abkit.core.port.out.Experiments {
        private final InMemoryExperiments stored;
        private final AtomicBoolean down;

        FlakyExperiments(InMemoryExperiments stored, AtomicBoolean down) {
            this.stored = stored;
            this.down = down;
        }

        @Override
        public void add(Experiment experiment) {
            stored.add(experiment);
        }

        @Override
        public void updateStatus(Experiment experiment) {
            stored.updateStatus(experiment);
        }

        @Override
        public Optional<Experiment> find(dev.abkit.core.model.ExperimentKey key) {
            return stored.find(key);
        }

        @Override
        public List<Experiment> all() {
            return stored.all();
        }

        @Override
        public List<Experiment> running() {
            if (down.get()) {
                throw new StorageUnavailableException("down", null);
            }
            return stored.running();
        }
    }
}
