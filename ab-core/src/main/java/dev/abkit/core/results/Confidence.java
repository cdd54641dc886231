package dev.abkit.core.results;

/** A two-sided confidence level strictly between 0 and 1, such as 0.95. */
public record Confidence(double level) {

    public static final Confidence NINETY_FIVE_PERCENT = new Confidence(0.95);

    public Confidence {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be between 0 and 1 exclusive (got " + level + ")");
        }
    }

    /** The share of probability left in each tail: (1 - level) / 2. */
    double tail() {
        return (1 - level) / 2;
    }

    /** The standard normal quantile z with P(Z > z) = (1 - level) / 2; 1.959964 for 95 %. */
    double z() {
        return -NormalDistribution.quantile(tail());
    }
}
