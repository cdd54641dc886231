package dev.abkit.core.results;

import java.util.Optional;

/**
 * Newcombe's hybrid score interval for the difference of two independent proportions, method 10 of R. G.
 * Newcombe, "Interval estimation for the difference between independent proportions: comparison of eleven
 * methods", Statistics in Medicine 17:873-890 (1998). With the Wilson intervals (l₁, u₁) and (l₂, u₂) and
 * d = p₁ - p₂: from d - √((p₁ - l₁)² + (u₂ - p₂)²) to d + √((u₁ - p₁)² + (p₂ - l₂)²).
 */
public final class NewcombeHybridScore {

    private NewcombeHybridScore() {
    }

    /** The interval of {@code treatment − control}, or empty when either side has no trials. */
    public static Optional<Interval> difference(Proportion treatment, Proportion control, Confidence confidence) {
        Optional<Interval> first = WilsonScore.interval(treatment, confidence);
        Optional<Interval> second = WilsonScore.interval(control, confidence);
        if (first.isEmpty() || second.isEmpty()) {
            return Optional.empty();
        }
        double p1 = treatment.estimate();
        double p2 = control.estimate();
        Interval w1 = first.get();
        Interval w2 = second.get();
        double d = p1 - p2;
        double low = d - Math.hypot(p1 - w1.low(), w2.high() - p2);
        double high = d + Math.hypot(w1.high() - p1, p2 - w2.low());
        return Optional.of(new Interval(Math.max(-1, low), Math.min(1, high)));
    }
}
