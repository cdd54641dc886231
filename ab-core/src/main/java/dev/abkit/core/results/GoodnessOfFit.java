package dev.abkit.core.results;

import java.util.List;
import java.util.Optional;

/**
 * Pearson's χ² goodness of fit of observed counts to expected shares (K. Pearson, Philosophical Magazine 50:157-175,
 * 1900): χ² = Σ (Oᵢ - Eᵢ)² / Eᵢ with Eᵢ = N · shareᵢ / Σ shares, on k - 1 degrees of freedom, and its p-value
 * P(χ²ₖ₋₁ ≥ χ²) = Q((k - 1)/2, χ²/2). Used as the sample-ratio check: counts per option against their weights.
 */
public record GoodnessOfFit(double chiSquare, int degreesOfFreedom, double pValue) {

    public GoodnessOfFit {
        if (!(chiSquare >= 0) || degreesOfFreedom < 1 || !(pValue >= 0 && pValue <= 1)) {
            throw new IllegalArgumentException("invalid goodness of fit (" + chiSquare + ", "
                    + degreesOfFreedom + ", " + pValue + ")");
        }
    }

    /**
     * The test of {@code observed} against {@code expectedShares} (any positive numbers, normalised by their sum),
     * or empty when nothing was observed.
     */
    public static Optional<GoodnessOfFit> pearson(List<Long> observed, List<Double> expectedShares) {
        int k = observed.size();
        if (k < 2 || expectedShares.size() != k) {
            throw new IllegalArgumentException("need at least two categories and one share for each (got "
                    + k + " counts and " + expectedShares.size() + " shares)");
        }
        long total = 0;
        double shareTotal = 0;
        for (int i = 0; i < k; i++) {
            Long count = observed.get(i);
            Double share = expectedShares.get(i);
            if (count == null || count < 0) {
                throw new IllegalArgumentException("counts must not be negative (got " + count + ")");
            }
            if (share == null || !(share > 0) || share.isInfinite()) {
                throw new IllegalArgumentException("expected shares must be positive and finite (got " + share + ")");
            }
            total = Math.addExact(total, count);
            shareTotal += share;
        }
        if (total == 0) {
            return Optional.empty();
        }
        double chiSquare = 0;
        for (int i = 0; i < k; i++) {
            double expected = total * expectedShares.get(i) / shareTotal;
            double deviation = observed.get(i) - expected;
            chiSquare += deviation * deviation / expected;
        }
        double pValue = GammaFunction.regularizedUpper((k - 1) / 2.0, chiSquare / 2);
        return Optional.of(new GoodnessOfFit(chiSquare, k - 1, pValue));
    }
}
