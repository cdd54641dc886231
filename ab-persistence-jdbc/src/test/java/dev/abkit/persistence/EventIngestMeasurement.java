package dev.abkit.persistence;

import dev.abkit.core.event.Event;
import dev.abkit.core.event.EventBatch;
import dev.abkit.core.model.Assignment;
import dev.abkit.core.model.Device;
import dev.abkit.core.model.DeviceAttributes;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.port.out.EventStore;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static dev.abkit.persistence.EventStoreFixture.event;

/**
 * Measures the event store's ingestion on PostgreSQL, for docs/performance.md: batches of 100 events
 * (3 metrics, half with a value) of random devices, each in both shipped experiments, from many threads
 * on one pool; then checks that every accepted event is stored once. Not a test; run by hand:
 * as StatisticsAtScaleMeasurement (docs/performance.md), with this class.
 * Arguments: threads (64), pool size (8), seconds (20).
 */
public final class EventIngestMeasurement {

    private static final int DEVICES = 10_000;
    private static final int BATCH = 100;

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int poolSize = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        try (TestStore store = TestStore.open(TestStore.Kind.POSTGRESQL, null);
             Instance instance = Instance.start(store.url(), store.user(), pool -> pool.setMaximumPoolSize(poolSize),
                     pool -> pool)) {
            instance.storage().maintainEvents();
            List<Device> devices = devices();
            EventStore events = instance.storage().eventStore();
            AtomicLong accepted = new AtomicLong();
            AtomicLong sequence = new AtomicLong();
            long[][] latencies = new long[threads][];
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                pool.submit(() -> {
                    List<Long> mine = new ArrayList<>();
                    while (System.nanoTime() < end) {
                        Device device = devices.get(ThreadLocalRandom.current().nextInt(DEVICES));
                        EventBatch batch = batch(device, sequence.getAndIncrement());
                        long before = System.nanoTime();
                        int duplicates = events.store(device, batch);
                        mine.add(System.nanoTime() - before);
                        accepted.addAndGet(BATCH - duplicates);
                    }
                    latencies[thread] = mine.stream().mapToLong(Long::longValue).toArray();
                    return null;
                });
            }
            pool.shutdown();
            pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
            double elapsed = (System.nanoTime() - start) / 1e9;
            long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
            System.out.printf("threads %d, pool %d: %d events in %.1f s = %.0f events/s; batch p50 %.1f ms, p99 %.1f ms%n",
                    threads, poolSize, accepted.get(), elapsed, accepted.get() / elapsed,
                    all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6);
            long stored = store.count("select count(*) from event");
            long keys = store.count("select count(*) from event_key");
            System.out.printf("stored %d raw events and %d ids for %d accepted: %s%n", stored, keys, accepted.get(),
                    stored == accepted.get() && keys == stored ? "each once" : "MISMATCH");
        }
    }

    private static List<Device> devices() {
        Instant firstSeen = Instant.now().minusSeconds(3600).truncatedTo(ChronoUnit.MICROS);
        List<Device> devices = new ArrayList<>();
        for (int d = 0; d < DEVICES; d++) {
            devices.add(new Device(DeviceToken.of("device-" + d), firstSeen, DeviceAttributes.UNKNOWN,
                    List.of(new Assignment(ExperimentKey.of("button_color"), new String[] {"#FF0000", "#00FF00", "#0000FF"}[d % 3]),
                            new Assignment(ExperimentKey.of("price"), "10"))));
        }
        return devices;
    }

    private static EventBatch batch(Device device, long sequence) {
        List<Event> events = new ArrayList<>(BATCH);
        Instant at = Instant.now().minusSeconds(5);
        for (int i = 0; i < BATCH; i++) {
            String metric = switch (i % 3) { case 0 -> "open"; case 1 -> "purchase"; default -> "checkout.completed"; };
            events.add(event(device, sequence + "-" + i, metric, at.plusMillis(i), i % 2 == 0 ? (double) i : null));
        }
        return new EventBatch(events, 0);
    }
}
