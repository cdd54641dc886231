package dev.abkit.bench.jmh;

import com.indeed.proctor.common.Identifiers;
import com.indeed.proctor.common.Proctor;
import dev.abkit.bench.workload.AnswerMaps;
import dev.abkit.bench.workload.ProctorExperiments;
import dev.abkit.bench.workload.RandomDeviceIds;
import dev.abkit.bench.workload.WeightShares;
import dev.abkit.core.AbKit;
import dev.abkit.core.model.Assignment;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ShippedExperiments;
import dev.abkit.core.port.in.ExperimentsForDevice;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The mobile use case embedded: ab-core on its in-memory adapters with the two shipped experiments,
 * and Indeed's Proctor on the same experiments as the peer of SPEC 6's "Embedded use" bar (abkit at
 * most 0.5x Proctor). A returning device is measured as a service sees them: 65,536 random UUID
 * ids ({@link RandomDeviceIds}), all registered (abkit) or hashed once (Proctor) in the set-up, then
 * cycled, each call answering the next id with the map {experiment key -> option value}.
 *
 * <ul>
 *   <li>{@code returningDevice}: abkit, from the id string ({@code DeviceToken.of}, as an adapter
 *       gets it) to the answer map. The figure of the bar.</li>
 *   <li>{@code returningDeviceProctor}: Proctor, from the id string ({@code Identifiers.of}) to the
 *       same map, with the same ids. The peer of the bar.</li>
 *   <li>{@code returningDeviceUseCaseOnly}: abkit without the map, the use case's own answer, so
 *       that its allocation per call ({@code -prof gc}) is the core's alone.</li>
 *   <li>{@code returningDeviceBestCaseOneHotToken}: one device, its token built once, asked again
 *       and again: everything in cache, the best case, not the bar's workload.</li>
 *   <li>{@code newDevice}: a unique token per call, so every call registers and enrolls. The device
 *       map grows during an iteration (millions of entries); a fresh {@link AbKit} per iteration
 *       bounds it, and GC of that growing map is part of the cost.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class MobileUseCaseBenchmark {

    private static final int MASK = RandomDeviceIds.COUNT - 1;

    /** abkit with every id registered, and the cursor that cycles through them. */
    @State(Scope.Thread)
    public static class AbkitDevices {

        ExperimentsForDevice useCase;
        String[] ids;
        int next;

        @Setup
        public void setUp() {
            useCase = AbKit.inMemory().experimentsForDevice();
            ids = RandomDeviceIds.first(RandomDeviceIds.COUNT, RandomDeviceIds.SEED);
            WeightShares shares = new WeightShares(ShippedExperiments.all());
            for (int index : RandomDeviceIds.shuffledIndexes(ids.length, RandomDeviceIds.SEED)) {
                shares.add(AnswerMaps.of(useCase.experimentsFor(DeviceToken.of(ids[index]))));
            }
            shares.requireMatch("abkit");
        }

        String nextId() {
            return ids[next++ & MASK];
        }
    }

    /** Proctor with every id hashed once, and the cursor that cycles through them. */
    @State(Scope.Thread)
    public static class ProctorDevices {

        Proctor proctor;
        String[] ids;
        int next;

        @Setup
        public void setUp() {
            proctor = ProctorExperiments.of(ShippedExperiments.all());
            ids = RandomDeviceIds.first(RandomDeviceIds.COUNT, RandomDeviceIds.SEED);
            WeightShares shares = new WeightShares(ShippedExperiments.all());
            for (String id : ids) {
                shares.add(answer(proctor, id));
            }
            shares.requireMatch("Proctor");
        }

        String nextId() {
            return ids[next++ & MASK];
        }

        static Map<String, String> answer(Proctor proctor, String id) {
            return AnswerMaps.of(proctor.determineTestGroups(
                    Identifiers.of(ProctorExperiments.DEVICE, id), Map.of(), Map.of()));
        }
    }

    @State(Scope.Benchmark)
    public static class OneHotToken {

        static final String TOKEN = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";

        ExperimentsForDevice useCase;
        DeviceToken token;

        @Setup
        public void setUp() {
            useCase = AbKit.inMemory().experimentsForDevice();
            token = DeviceToken.of(TOKEN);
            List<Assignment> first = useCase.experimentsFor(token);
            if (first.size() != ShippedExperiments.all().size()) {
                throw new IllegalStateException("expected the two shipped experiments, got " + first);
            }
        }
    }

    @State(Scope.Thread)
    public static class Fresh {

        ExperimentsForDevice useCase;
        long next;

        @Setup(Level.Iteration)
        public void setUp() {
            useCase = AbKit.inMemory().experimentsForDevice();
            next = 0;
        }
    }

    @Benchmark
    public Map<String, String> returningDevice(AbkitDevices devices) {
        return AnswerMaps.of(devices.useCase.experimentsFor(DeviceToken.of(devices.nextId())));
    }

    @Benchmark
    public Map<String, String> returningDeviceProctor(ProctorDevices devices) {
        return ProctorDevices.answer(devices.proctor, devices.nextId());
    }

    @Benchmark
    public List<Assignment> returningDeviceUseCaseOnly(AbkitDevices devices) {
        return devices.useCase.experimentsFor(DeviceToken.of(devices.nextId()));
    }

    @Benchmark
    public List<Assignment> returningDeviceBestCaseOneHotToken(OneHotToken state) {
        return state.useCase.experimentsFor(state.token);
    }

    @Benchmark
    public List<Assignment> newDevice(Fresh state) {
        // About the length of a UUID string, like a real device id.
        return state.useCase.experimentsFor(DeviceToken.of("new-device-0000-" + state.next++));
    }
}
