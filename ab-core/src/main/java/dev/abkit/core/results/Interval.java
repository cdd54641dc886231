package dev.abkit.core.results;

/** A closed interval {@code [low, high]} of finite numbers, such as a confidence interval. */
public record Interval(double low, double high) {

    public Interval {
        if (!Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException("interval bounds must be finite (got " + low + ", " + high + ")");
        }
        if (low > high) {
            throw new IllegalArgumentException("interval low must not exceed high (got " + low + ", " + high + ")");
        }
    }

    public boolean contains(double value) {
        return low <= value && value <= high;
    }
}
