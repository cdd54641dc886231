package dev.abkit.core.results;

import java.util.Optional;

/**
 * Wilson's score interval for one proportion (E. B. Wilson, "Probable inference, the law of succession, and
 * statistical inference", JASA 22:209-212, 1927), method 3 of R. G. Newcombe, "Two-sided confidence intervals for
 * the single proportion: comparison of seven methods", Statistics in Medicine 17:857-872 (1998):
 * (p + z²/2n ± z √(p(1-p)/n + z²/4n²)) / (1 + z²/n), without continuity correction.
 */
public final class WilsonScore {

    private WilsonScore() {
    }

    /** The interval, or empty when there are no trials. 0 successes give a lower bound of exactly 0, n an upper of 1. */
    public static Optional<Interval> interval(Proportion proportion, Confidence confidence) {
        if (proportion.trials() == 0) {
            return Optional.empty();
        }
        double n = proportion.trials();
        double p = proportion.estimate();
        double z = confidence.z();
        double zSquared = z * z;
        double denominator = 1 + zSquared / n;
        double centre = (p + zSquared / (2 * n)) / denominator;
        double halfWidth = z * Math.sqrt(p * (1 - p) / n + zSquared / (4 * n * n)) / denominator;
        // At the ends the formula's centre and half-width cancel exactly in theory; rounding must not leave 1e-17.
        double low = proportion.successes() == 0 ? 0 : Math.max(0, centre - halfWidth);
        double high = proportion.successes() == proportion.trials() ? 1 : Math.min(1, centre + halfWidth);
        return Optional.of(new Interval(low, high));
    }
}
