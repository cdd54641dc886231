package dev.abkit.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An experiment's coverage over its slots (R7): the first step from slot 0 on, and one more for each
 * change made while it ran, each from a block boundary of the step before it, so that no device
 * already decided moves and the share is exact again from that boundary on. A change asked for and
 * not yet placed ({@link #pending()}) is placed by the store when it keeps the change ({@link #settledAt}),
 * because only then, with no registration in flight, is the number of slots handed out known.
 *
 * @param steps   from which slot on which coverage holds; the first from slot 0, each later one from a
 *                block boundary of the one before
 * @param pending a coverage asked for and not yet placed, or null
 */
public record CoveragePlan(List<Step> steps, Coverage pending) {

    /** Every eligible device enrolled, from the first slot on. */
    public static final CoveragePlan FULL = of(Coverage.FULL);

    public CoveragePlan {
        steps = List.copyOf(steps);
        if (steps.isEmpty() || steps.get(0).fromSlot() != 0) {
            throw new IllegalArgumentException("a coverage plan starts with a step from slot 0 (got " + steps + ")");
        }
        for (int i = 1; i < steps.size(); i++) {
            Step before = steps.get(i - 1);
            long length = steps.get(i).fromSlot() - before.fromSlot();
            if (length <= 0 || length % before.coverage().blockSize() != 0) {
                throw new IllegalArgumentException("coverage step " + steps.get(i) + " does not start at a block"
                        + " boundary after " + before + " (blocks of " + before.coverage().blockSize() + ")");
            }
        }
    }

    /** One coverage from the first slot on. */
    public static CoveragePlan of(Coverage coverage) {
        return new CoveragePlan(List.of(new Step(0, coverage)), null);
    }

    /** The coverage new devices get now or, once placed, from the next block boundary on. */
    public Coverage current() {
        return pending != null ? pending : last().coverage();
    }

    /** This plan with {@code coverage} asked for, to be placed by {@link #settledAt}; the same plan if nothing changes. */
    public CoveragePlan changedTo(Coverage coverage) {
        Objects.requireNonNull(coverage, "coverage");
        if (coverage.equals(current())) {
            return this;
        }
        return new CoveragePlan(steps, coverage.equals(last().coverage()) ? null : coverage);
    }

    /**
     * The plan with its pending change placed at the first block boundary of the last step at or after
     * slot {@code handedOut}: every slot below it, handed out or lost and handed out again, keeps what it
     * had. A change that falls on the last step's own start replaces that step (no slot of it was handed
     * out), and merges with the step before when it restores that one's coverage.
     *
     * @param handedOut how many slots have been handed out: the next slot is this one
     */
    public CoveragePlan settledAt(long handedOut) {
        if (pending == null) {
            return this;
        }
        if (handedOut < 0) {
            throw new IllegalArgumentException("slots handed out are never negative (got " + handedOut + ")");
        }
        Step last = last();
        long block = last.coverage().blockSize();
        long from = last.fromSlot() + Math.max(0, -Math.floorDiv(last.fromSlot() - handedOut, block)) * block;
        List<Step> settled = new ArrayList<>(steps);
        if (from == last.fromSlot()) {
            settled.remove(settled.size() - 1);
            if (settled.isEmpty() || !settled.get(settled.size() - 1).coverage().equals(pending)) {
                settled.add(new Step(from, pending));
            }
        } else {
            settled.add(new Step(from, pending));
        }
        return new CoveragePlan(settled, null);
    }

    public boolean isPending() {
        return pending != null;
    }

    private Step last() {
        return steps.get(steps.size() - 1);
    }

    /** {@code coverage} for the slots from {@code fromSlot} up to the next step's. */
    public record Step(long fromSlot, Coverage coverage) {

        public Step {
            Objects.requireNonNull(coverage, "coverage");
            if (fromSlot < 0) {
                throw new IllegalArgumentException("a coverage step starts at slot 0 or later (got " + fromSlot + ")");
            }
        }

        @Override
        public String toString() {
            return coverage + " from slot " + fromSlot;
        }
    }
}
