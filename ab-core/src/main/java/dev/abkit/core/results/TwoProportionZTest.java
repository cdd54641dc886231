package dev.abkit.core.results;

import java.util.OptionalDouble;

/**
 * The two-sided pooled two-proportion z-test: z = (p₁ - p₂) / √(p̄(1 - p̄)(1/n₁ + 1/n₂)) with the pooled rate p̄,
 * and p = P(|Z| ≥ |z|). Since z² is Pearson's χ² of the 2×2 table without continuity correction (1 df), p is
 * computed as Q(1/2, z²/2), the χ²₁ upper tail, which is the same number and keeps its precision near 0.
 */
public final class TwoProportionZTest {

    private TwoProportionZTest() {
    }

    /**
     * The p-value, or empty when either side has no trials. When nobody or everybody converted on both sides the
     * rates are equal and the statistic is 0/0; the p-value is then 1, as no difference was observed.
     */
    public static OptionalDouble pValue(Proportion first, Proportion second) {
        if (first.trials() == 0 || second.trials() == 0) {
            return OptionalDouble.empty();
        }
        double pooled = (double) (first.successes() + second.successes()) / (first.trials() + second.trials());
        if (pooled == 0 || pooled == 1) {
            return OptionalDouble.of(1);
        }
        double variance = pooled * (1 - pooled) * (1.0 / first.trials() + 1.0 / second.trials());
        double difference = first.estimate() - second.estimate();
        double chiSquare = difference * difference / variance;
        return OptionalDouble.of(Math.min(1, GammaFunction.regularizedUpper(0.5, chiSquare / 2)));
    }
}
