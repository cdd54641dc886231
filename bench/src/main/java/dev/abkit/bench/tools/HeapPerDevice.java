package dev.abkit.bench.tools;

import dev.abkit.bench.workload.RandomDeviceIds;
import dev.abkit.core.AbKit;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.port.in.ExperimentsForDevice;
import org.openjdk.jol.info.GraphLayout;

import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Heap that an embedded abkit keeps per device (issue 11: at most 128 bytes per cached device with
 * two experiments). {@code AbKit.inMemory()}, with the two shipped experiments, is asked for N
 * random UUID ids twice each: once to register them, once as returning devices, so that whatever
 * the core keeps for a returning device is filled. Only the public API is used, so the figure is
 * that of whatever structure holds registered devices, however the core builds it.
 *
 * <p>Measured two ways, each as the difference before and after the N devices, divided by N:
 * <ul>
 *   <li>heap: all live objects of the JVM ({@link ClassHistogram}), so it also counts what the core
 *       might keep outside the {@code AbKit} object; printed by class for the last run of each N.</li>
 *   <li>graph: every object reachable from the {@code AbKit}, sized by JOL.</li>
 * </ul>
 * The ids are made on the fly and not kept here, so an id string counts if and only if abkit keeps
 * it. Each N is run {@value #RUNS} times with other ids; the larger of the two medians is judged.
 *
 * <pre>java -cp abkit-bench.jar dev.abkit.bench.tools.HeapPerDevice [N ...]   (default 65536 262144)</pre>
 */
public final class HeapPerDevice {

    private static final int BAR_BYTES = 128;
    private static final int RUNS = 3;
    private static final int[] DEFAULT_DEVICES = {65_536, 262_144};

    private HeapPerDevice() {
    }

    record PerDevice(double heap, double graph, Map<String, Long> bytesByClass) {
    }

    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? DEFAULT_DEVICES : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        if (Arrays.stream(sizes).anyMatch(devices -> devices < 1)) {
            System.err.println("usage: HeapPerDevice [DEVICES ...]   (each at least 1; default 65536 262144)");
            System.exit(2);
        }
        // The core's value types are records, whose field offsets Unsafe refuses; JOL has a way round.
        System.setProperty("jol.magicFieldOffset", "true");
        System.out.printf("Java %s, max heap %d MiB%n", System.getProperty("java.vm.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("%10s %6s %16s %16s%n", "devices", "run", "heap B/device", "graph B/device");
        double worst = 0;
        for (int devices : sizes) {
            List<PerDevice> runs = new ArrayList<>();
            for (int run = 1; run <= RUNS; run++) {
                PerDevice measured = measure(devices, RandomDeviceIds.SEED + run);
                runs.add(measured);
                System.out.printf("%10d %6d %16.1f %16.1f%n", devices, run, measured.heap(), measured.graph());
            }
            double heap = median(runs.stream().mapToDouble(PerDevice::heap).toArray());
            double graph = median(runs.stream().mapToDouble(PerDevice::graph).toArray());
            System.out.printf("%10d %6s %16.1f %16.1f%n", devices, "median", heap, graph);
            printByClass(runs.get(runs.size() - 1).bytesByClass(), devices);
            worst = Math.max(worst, Math.max(heap, graph));
        }
        System.out.printf("at most %d B per device with two experiments: %s (largest median %.1f B)%n",
                BAR_BYTES, worst <= BAR_BYTES ? "MET" : "MISSED", worst);
    }

    static PerDevice measure(int devices, long seed) {
        AbKit abkit = AbKit.inMemory();
        ExperimentsForDevice useCase = abkit.experimentsForDevice();
        long graphBefore = GraphLayout.parseInstance(abkit).totalSize();
        ClassHistogram heapBefore = ClassHistogram.ofLiveObjects();
        askEach(useCase, devices, seed);
        askEach(useCase, devices, seed);
        ClassHistogram heapAfter = ClassHistogram.ofLiveObjects();
        long graphAfter = GraphLayout.parseInstance(abkit).totalSize();
        // Keeps the devices alive until both measurements are taken.
        Reference.reachabilityFence(abkit);
        return new PerDevice((heapAfter.totalBytes() - heapBefore.totalBytes()) / (double) devices,
                (graphAfter - graphBefore) / (double) devices, heapAfter.minus(heapBefore));
    }

    private static void askEach(ExperimentsForDevice useCase, int devices, long seed) {
        RandomDeviceIds ids = new RandomDeviceIds(seed);
        for (int i = 0; i < devices; i++) {
            if (useCase.experimentsFor(DeviceToken.of(ids.next())).isEmpty()) {
                throw new IllegalStateException("abkit answered no experiment; the two shipped ones should run");
            }
        }
    }

    /** The classes that make up at least half a byte per device, largest first. */
    private static void printByClass(Map<String, Long> bytesByClass, int devices) {
        bytesByClass.entrySet().stream()
                .filter(type -> Math.abs(type.getValue()) * 2 >= devices)
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .forEach(type -> System.out.printf("%34s %8.1f  %s%n", "", type.getValue() / (double) devices, type.getKey()));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
