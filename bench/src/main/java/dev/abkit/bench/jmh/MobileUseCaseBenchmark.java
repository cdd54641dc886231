package dev.abkit.bench.jmh;

import dev.abkit.core.AbKit;
import dev.abkit.core.model.Assignment;
import dev.abkit.core.model.DeviceToken;
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
import java.util.concurrent.TimeUnit;

/**
 * The mobile use case of ab-core on its in-memory adapters, with the two shipped experiments
 * running (SPEC 6, "Embedded use": returning device under 200 ns per call).
 *
 * <ul>
 *   <li>{@code returningDevice}: one token registered in the set-up, asked again and again.</li>
 *   <li>{@code returningDeviceFromHeader}: the same, plus the {@link DeviceToken} validation an
 *       HTTP adapter runs on the raw header value.</li>
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

    @State(Scope.Benchmark)
    public static class Returning {

        static final String TOKEN = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";

        ExperimentsForDevice useCase;
        DeviceToken token;
        String header;

        @Setup
        public void setUp() {
            useCase = AbKit.inMemory().experimentsForDevice();
            header = TOKEN;
            token = DeviceToken.of(TOKEN);
            List<Assignment> first = useCase.experimentsFor(token);
            if (first.size() != 2) {
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
    public List<Assignment> returningDevice(Returning state) {
        return state.useCase.experimentsFor(state.token);
    }

    @Benchmark
    public List<Assignment> returningDeviceFromHeader(Returning state) {
        return state.useCase.experimentsFor(DeviceToken.of(state.header));
    }

    @Benchmark
    public List<Assignment> newDevice(Fresh state) {
        // About the length of a UUID string, like a real device id.
        return state.useCase.experimentsFor(DeviceToken.of("new-device-0000-" + state.next++));
    }
}
