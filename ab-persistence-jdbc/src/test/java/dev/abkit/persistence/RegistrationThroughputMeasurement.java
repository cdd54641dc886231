package dev.abkit.persistence;

import dev.abkit.core.contract.StoragePorts;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.service.DeviceEnrollmentService;

import java.nio.file.Files;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * New-device registrations per second through the core's DeviceEnrollmentService on the
 * PostgreSQL adapters, without HTTP: what the storage side allows the mobile endpoint. Not a
 * test; run by hand (docs/performance.md). Arguments: threads, pool size, registrations, and
 * {@code h2} to measure the embedded database instead.
 */
public final class RegistrationThroughputMeasurement {

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int poolSize = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int registrations = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        boolean h2 = args.length > 3 && args[3].equals("h2");
        try (TestStore store = h2 ? TestStore.open(TestStore.Kind.H2, Files.createTempDirectory("abkit-h2"))
                : TestStore.open(TestStore.Kind.POSTGRESQL, null);
             Instance instance = Instance.start(store.url(), store.user(),
                     pool -> pool.setMaximumPoolSize(poolSize), dataSource -> dataSource)) {
            StoragePorts ports = instance.ports();
            DeviceEnrollmentService service = new DeviceEnrollmentService(ports.experiments(), ports.devices(), Clock.systemUTC());
            run(service, threads, 2_000, "warm-up-"); // JIT, pool, prepared statements
            long[] micros = new long[registrations];
            long start = System.nanoTime();
            run(service, threads, registrations, "device-", micros);
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(micros);
            System.out.printf((h2 ? "H2: " : "PostgreSQL: ") + "%d threads, pool %d: %,d registrations in %.1f s = %,.0f/s; latency median %.2f ms,"
                            + " p99 %.2f ms, max %.2f ms%n", threads, poolSize, registrations, seconds,
                    registrations / seconds, micros[registrations / 2] / 1000.0,
                    micros[(int) (registrations * 0.99)] / 1000.0, micros[registrations - 1] / 1000.0);
            System.out.println("devices counted: " + ports.counts().registeredDevices()
                    + ", per option: " + ports.counts().optionCounts());
        }
    }

    private static void run(DeviceEnrollmentService service, int threads, int count, String prefix) throws InterruptedException {
        run(service, threads, count, prefix, new long[count]);
    }

    private static void run(DeviceEnrollmentService service, int threads, int count, String prefix, long[] micros)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        for (int t = 0; t < threads; t++) {
            pool.execute(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    long begin = System.nanoTime();
                    service.experimentsFor(DeviceToken.of(prefix + i));
                    micros[i] = (System.nanoTime() - begin) / 1000;
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("registrations did not finish in 10 minutes");
        }
    }
}
