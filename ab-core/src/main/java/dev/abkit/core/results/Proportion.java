package dev.abkit.core.results;

import java.util.OptionalDouble;

/** Devices that converted ({@code successes}) out of the devices counted ({@code trials}). */
public record Proportion(long successes, long trials) {

    public Proportion {
        if (trials < 0) {
            throw new IllegalArgumentException("trials must not be negative (got " + trials + ")");
        }
        if (successes < 0 || successes > trials) {
            throw new IllegalArgumentException(
                    "successes must be between 0 and " + trials + " (got " + successes + ")");
        }
    }

    /** successes / trials; empty when there are no trials, because a rate of nothing is undefined. */
    public OptionalDouble rate() {
        return trials == 0 ? OptionalDouble.empty() : OptionalDouble.of(estimate());
    }

    double estimate() {
        return (double) successes / trials;
    }
}
