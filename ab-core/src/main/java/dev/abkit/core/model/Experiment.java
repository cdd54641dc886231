package dev.abkit.core.model;

import dev.abkit.core.allocation.BlockDesign;
import dev.abkit.core.allocation.PermutedBlocks;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An experiment: its key, 1-20 options with distinct values, its status, when it was created and
 * the seed of its allocation. Options and weights never change (R1); only the status moves, once,
 * from RUNNING to STOPPED.
 */
public final class Experiment {

    public static final int MAX_OPTIONS = 20;

    private final ExperimentKey key;
    private final List<Option> options;
    private final ExperimentStatus status;
    private final Instant createdAt;
    private final long seed;
    private final PermutedBlocks allocation;

    public Experiment(ExperimentKey key, List<Option> options, ExperimentStatus status, Instant createdAt, long seed) {
        this(key, checkedOptions(options), status, createdAt, seed, null);
    }

    private Experiment(ExperimentKey key, List<Option> options, ExperimentStatus status, Instant createdAt, long seed,
                       PermutedBlocks allocation) {
        this.key = Objects.requireNonNull(key, "key");
        this.options = options;
        this.status = Objects.requireNonNull(status, "status");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.seed = seed;
        this.allocation = allocation != null ? allocation : new PermutedBlocks(designOf(options), seed);
    }

    /** A new, running experiment. */
    public static Experiment start(ExperimentKey key, List<Option> options, Instant createdAt, long seed) {
        return new Experiment(key, options, ExperimentStatus.RUNNING, createdAt, seed);
    }

    /**
     * The options of an experiment, checked together: 1-20 of them, with distinct values, and weights
     * whose exact split needs a block of at most {@link BlockDesign#MAX_BLOCK_SIZE} devices.
     *
     * @throws IllegalArgumentException saying what to change, when they cannot make an experiment
     */
    public static List<Option> validOptions(List<Option> options) {
        List<Option> checked = checkedOptions(options);
        designOf(checked);
        return checked;
    }

    private static BlockDesign designOf(List<Option> options) {
        return BlockDesign.of(options.stream().mapToLong(o -> o.weight().hundredths()).toArray());
    }

    private static List<Option> checkedOptions(List<Option> options) {
        if (options == null || options.isEmpty()) {
            throw new IllegalArgumentException("an experiment needs at least one option");
        }
        if (options.size() > MAX_OPTIONS) {
            throw new IllegalArgumentException(
                    "an experiment has at most " + MAX_OPTIONS + " options (got " + options.size() + ")");
        }
        Set<String> values = new HashSet<>();
        for (Option option : options) {
            Objects.requireNonNull(option, "option");
            if (!values.add(option.value())) {
                throw new IllegalArgumentException(
                        "option values must be distinct (" + Quoted.of(option.value()) + " appears twice)");
            }
        }
        return List.copyOf(options);
    }

    /** This experiment, stopped: devices are no longer served its key. Stopping twice changes nothing. */
    public Experiment stopped() {
        if (status == ExperimentStatus.STOPPED) {
            return this;
        }
        return new Experiment(key, options, ExperimentStatus.STOPPED, createdAt, seed, allocation);
    }

    /** The option that the device enrolled into slot {@code slot} (0-based) receives (R3). */
    public Option optionForSlot(long slot) {
        return options.get(allocation.optionAt(slot));
    }

    public boolean isRunning() {
        return status == ExperimentStatus.RUNNING;
    }

    public ExperimentKey key() {
        return key;
    }

    public List<Option> options() {
        return options;
    }

    public ExperimentStatus status() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public long seed() {
        return seed;
    }

    /** Devices per block: after every multiple of it, option counts match the weights exactly. */
    public int blockSize() {
        return allocation.design().blockSize();
    }

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof Experiment that
                && seed == that.seed
                && key.equals(that.key)
                && options.equals(that.options)
                && status == that.status
                && createdAt.equals(that.createdAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, options, status, createdAt, seed);
    }

    @Override
    public String toString() {
        return "Experiment[" + key + ", " + status + ", " + options + ", created " + createdAt + "]";
    }
}
