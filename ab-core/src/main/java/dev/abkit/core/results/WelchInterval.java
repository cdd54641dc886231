package dev.abkit.core.results;

import java.util.Optional;

/**
 * Welch's interval for the difference of two means with unequal variances (B. L. Welch, "The generalization of
 * 'Student's' problem when several different population variances are involved", Biometrika 34:28-35, 1947):
 * x̄₁ - x̄₂ ± t(ν) √(s₁²/n₁ + s₂²/n₂), with the Welch-Satterthwaite degrees of freedom
 * ν = (s₁²/n₁ + s₂²/n₂)² / ((s₁²/n₁)²/(n₁ - 1) + (s₂²/n₂)²/(n₂ - 1)). This is R's {@code t.test(x, y)}.
 */
public final class WelchInterval {

    private WelchInterval() {
    }

    /**
     * The interval of {@code treatment − control}, or empty unless both groups have two values or more. When neither
     * group shows any spread the standard error is 0 and the interval is the single point x̄₁ - x̄₂, whatever ν is.
     */
    public static Optional<Interval> difference(SampleSums treatment, SampleSums control, Confidence confidence) {
        if (treatment.count() < 2 || control.count() < 2) {
            return Optional.empty();
        }
        double difference = treatment.mean().getAsDouble() - control.mean().getAsDouble();
        double first = treatment.varianceOfMean();
        double second = control.varianceOfMean();
        double standardError = Math.sqrt(first + second);
        if (standardError == 0) {
            return Optional.of(new Interval(difference, difference));
        }
        double t = StudentT.upperQuantile(confidence.tail(), degreesOfFreedom(treatment, control));
        return Optional.of(new Interval(difference - t * standardError, difference + t * standardError));
    }

    /** ν of Welch-Satterthwaite; for groups of two values or more with some spread between them. */
    static double degreesOfFreedom(SampleSums treatment, SampleSums control) {
        double first = treatment.varianceOfMean();
        double second = control.varianceOfMean();
        double total = first + second;
        return total * total
                / (first * first / (treatment.count() - 1) + second * second / (control.count() - 1));
    }
}
