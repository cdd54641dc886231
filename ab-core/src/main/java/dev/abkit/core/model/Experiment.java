package dev.abkit.core.model;

import dev.abkit.core.allocation.BlockDesign;
import dev.abkit.core.allocation.CoverageBlocks;
import dev.abkit.core.allocation.PermutedBlocks;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An experiment: its key, 1-20 options with distinct values, the {@link Audience} of new devices it
 * may enrol (R8), the share of those it does enrol ({@link CoveragePlan}, R7), when it was created,
 * the seed of its allocation, and its {@link Lifecycle}: status and schedule. Options, weights and
 * audience change only before it starts (R1, R2); coverage also while it runs, from a block boundary
 * on; the status moves only as {@link Transition} allows. Every change returns a new experiment.
 */
public final class Experiment {

    public static final int MAX_OPTIONS = 20;

    private final ExperimentKey key;
    private final List<Option> options;
    private final Audience audience;
    private final CoveragePlan coverage;
    private final Lifecycle lifecycle;
    private final Instant createdAt;
    private final long seed;
    private final PermutedBlocks allocation;
    private final CoverageBlocks enrolment;

    /** An experiment open to every device. */
    public Experiment(ExperimentKey key, List<Option> options, Lifecycle lifecycle, Instant createdAt, long seed) {
        this(key, options, Audience.EVERYONE, lifecycle, createdAt, seed);
    }

    /** @param audience the new devices it may enrol; {@link Audience#EVERYONE} (or null) for all */
    public Experiment(ExperimentKey key, List<Option> options, Audience audience, Lifecycle lifecycle,
                      Instant createdAt, long seed) {
        this(key, options, audience, CoveragePlan.FULL, lifecycle, createdAt, seed);
    }

    /**
     * @param audience the new devices it may enrol; {@link Audience#EVERYONE} (or null) for all
     * @param coverage the share of those it enrols; {@link CoveragePlan#FULL} (or null) for all
     */
    public Experiment(ExperimentKey key, List<Option> options, Audience audience, CoveragePlan coverage,
                      Lifecycle lifecycle, Instant createdAt, long seed) {
        this(key, checkedOptions(options), audience, coverage, lifecycle, createdAt, seed, null);
    }

    private Experiment(ExperimentKey key, List<Option> options, Audience audience, CoveragePlan coverage,
                       Lifecycle lifecycle, Instant createdAt, long seed, PermutedBlocks allocation) {
        this.key = Objects.requireNonNull(key, "key");
        this.options = options;
        // An audience without a rule admits every device, whatever its includeUnknown: one spelling for "everyone".
        this.audience = audience == null || audience.isEveryone() ? Audience.EVERYONE : audience;
        this.coverage = coverage == null ? CoveragePlan.FULL : coverage;
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.seed = seed;
        this.allocation = allocation != null ? allocation : new PermutedBlocks(designOf(options), seed);
        this.enrolment = this.coverage.isPending() ? null : enrolmentOf(this.coverage, seed);
    }

    private static CoverageBlocks enrolmentOf(CoveragePlan plan, long seed) {
        long[] fromSlots = plan.steps().stream().mapToLong(CoveragePlan.Step::fromSlot).toArray();
        int[] hundredths = plan.steps().stream().mapToInt(step -> step.coverage().hundredths()).toArray();
        return new CoverageBlocks(seed, fromSlots, hundredths);
    }

    /** A new experiment, running from its creation on. */
    public static Experiment start(ExperimentKey key, List<Option> options, Instant createdAt, long seed) {
        return new Experiment(key, options, Lifecycle.runningSince(createdAt), createdAt, seed);
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
        return status() == ExperimentStatus.STOPPED ? this : withLifecycle(lifecycle.withStatus(ExperimentStatus.STOPPED));
    }

    /**
     * This experiment in another status or with another schedule. Which changes are allowed is the
     * use cases' decision ({@link Transition}); this only keeps the experiment consistent.
     */
    public Experiment withLifecycle(Lifecycle changed) {
        return new Experiment(key, options, audience, coverage, changed, createdAt, seed, allocation);
    }

    /**
     * This experiment enrolling {@code newCoverage} of its eligible new devices (R7): before its start
     * from the first device on; once started from the next block boundary on, where its store places it
     * ({@link #settledAt}). Which statuses may change it is the use cases' decision.
     */
    public Experiment withCoverage(Coverage newCoverage) {
        CoveragePlan changed = coverage.changedTo(newCoverage);
        return changed.equals(coverage) ? this
                : new Experiment(key, options, audience, changed, lifecycle, createdAt, seed, allocation);
    }

    /**
     * This experiment with a pending coverage change placed, as its store does when it keeps the change,
     * with no registration in flight: see {@link CoveragePlan#settledAt}.
     *
     * @param slotsHandedOut how many of its slots have been handed out so far
     */
    public Experiment settledAt(long slotsHandedOut) {
        return coverage.isPending()
                ? new Experiment(key, options, audience, coverage.settledAt(slotsHandedOut), lifecycle, createdAt, seed,
                allocation)
                : this;
    }

    /** This experiment with the coverage plan of {@code kept}, as a store keeps a change of it. */
    public Experiment withCoveragePlanOf(Experiment kept) {
        return kept.coverage.equals(coverage) ? this
                : new Experiment(key, options, audience, kept.coverage, lifecycle, createdAt, seed, allocation);
    }

    /**
     * This experiment with other options and weights, as only one that never started may take
     * (R1: a change after the start would move enrolled devices).
     *
     * @throws IllegalStateException if it has started
     * @throws IllegalArgumentException if the options cannot make an experiment
     */
    public Experiment withOptions(List<Option> newOptions) {
        if (!status().isBeforeStart()) {
            throw new IllegalStateException("experiment " + key + " has started; its options never change");
        }
        return new Experiment(key, newOptions, audience, coverage, lifecycle, createdAt, seed);
    }

    /**
     * This experiment with another audience, as only one that never started may take (R2: eligibility
     * is decided at a device's first request, so a change after the start would judge devices enrolled
     * and left out by two rules).
     *
     * @param newAudience the new audience; {@link Audience#EVERYONE} (or null) for all devices
     * @throws IllegalStateException if it has started
     */
    public Experiment withAudience(Audience newAudience) {
        if (!status().isBeforeStart()) {
            throw new IllegalStateException("experiment " + key + " has started; its audience never changes");
        }
        return new Experiment(key, options, newAudience, coverage, lifecycle, createdAt, seed, allocation);
    }

    /** R8: whether a new device with these first-request attributes may join it. */
    public boolean admits(DeviceAttributes device) {
        return audience == Audience.EVERYONE || audience.admits(device);
    }

    /**
     * What its schedule makes of it at {@code now}: started if its {@code startAt} has come, closed or
     * stopped if its {@code endAt} has, both if both have (a server that was down over the whole
     * time); empty if nothing is due. It starts at {@code now}, the instant it really does: R2
     * counts from there.
     */
    public Optional<Experiment> dueAt(Instant now) {
        Lifecycle due = lifecycle;
        if (due.startIsDue(now)) {
            due = due.startedAt(now, due.startAt());
        }
        if (due.endIsDue(now)) {
            due = due.withStatus(due.endAction() == EndAction.STOP ? ExperimentStatus.STOPPED : ExperimentStatus.CLOSED);
        }
        return due.equals(lifecycle) ? Optional.empty() : Optional.of(withLifecycle(due));
    }

    /**
     * What the device that takes slot {@code slot} (0-based) receives: left out (empty) as its coverage
     * says (R7), else the option of its place among the enrolled (R3).
     *
     * @throws IllegalStateException if a coverage change is still pending: only a store's settled plan allocates
     */
    public Optional<Option> optionAtSlot(long slot) {
        if (enrolment == null) {
            throw new IllegalStateException("experiment " + key + " has a coverage change that its store has not"
                    + " placed yet; only a stored experiment allocates slots");
        }
        long enrolled = enrolment.enrolledIndexAt(slot);
        return enrolled < 0 ? Optional.empty() : Optional.of(options.get(allocation.optionAt(enrolled)));
    }

    /** Whether new devices join it now. */
    public boolean isRunning() {
        return lifecycle.status().isEnrolling();
    }

    /** Whether its enrolled devices are served its values now. */
    public boolean isServed() {
        return lifecycle.status().isServed();
    }

    public ExperimentKey key() {
        return key;
    }

    public List<Option> options() {
        return options;
    }

    /** The new devices it may enrol; {@link Audience#EVERYONE} when it sets no rule. */
    public Audience audience() {
        return audience;
    }

    /** The share of eligible new devices it enrols now, or from the next block boundary on (R7). */
    public Coverage coverage() {
        return coverage.current();
    }

    /** Its coverage over its slots, step by step. */
    public CoveragePlan coveragePlan() {
        return coverage;
    }

    public ExperimentStatus status() {
        return lifecycle.status();
    }

    public Lifecycle lifecycle() {
        return lifecycle;
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

    /** How its weights divide a block into slots per option, in the order of {@link #options()}. */
    public BlockDesign blockDesign() {
        return allocation.design();
    }

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof Experiment that
                && seed == that.seed
                && key.equals(that.key)
                && options.equals(that.options)
                && audience.equals(that.audience)
                && coverage.equals(that.coverage)
                && lifecycle.equals(that.lifecycle)
                && createdAt.equals(that.createdAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, options, audience, coverage, lifecycle, createdAt, seed);
    }

    @Override
    public String toString() {
        return "Experiment[" + key + ", " + lifecycle + ", " + options
                + (audience == Audience.EVERYONE ? "" : ", " + audience)
                + (coverage.equals(CoveragePlan.FULL) ? "" : ", coverage " + coverage.steps()
                + (coverage.isPending() ? " then " + coverage.pending() : ""))
                + ", created " + createdAt + "]";
    }
}
