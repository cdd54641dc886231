package dev.abkit.bench.jmh;

import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ShippedExperiments;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Slot to option: {@code PermutedBlocks.optionAt} for sequential slots, as registrations take them.
 * Goes through {@link Experiment#optionAtSlot}, the one public door to the experiment's
 * {@code PermutedBlocks}, so a block is shuffled once per block size (3 for button_color, 20 for
 * price) and the other slots hit the cached block.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class AllocationBenchmark {

    @Param({"button_color", "price"})
    public String experiment;

    private Experiment allocation;
    private long slot;

    @Setup
    public void setUp() {
        allocation = ShippedExperiments.all().stream()
                .filter(shipped -> shipped.key().value().equals(experiment))
                .findFirst()
                .orElseThrow();
        slot = 0;
    }

    @Benchmark
    public Object sequentialSlot() {
        return allocation.optionAtSlot(slot++).orElseThrow();
    }
}
