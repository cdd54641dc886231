package dev.abkit.core.results;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A group's values kept as aggregates: how many, their sum and their sum of squares. Enough for the mean, the
 * sample variance (sumOfSquares - sum²/n) / (n - 1), and Student's interval for the mean.
 */
public record SampleSums(long count, double sum, double sumOfSquares) {

    public SampleSums {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative (got " + count + ")");
        }
        if (!Double.isFinite(sum) || !Double.isFinite(sumOfSquares) || sumOfSquares < 0) {
            throw new IllegalArgumentException(
                    "sum must be finite and sum of squares finite and not negative (got " + sum + ", " + sumOfSquares + ")");
        }
        if (count == 0 && (sum != 0 || sumOfSquares != 0)) {
            throw new IllegalArgumentException("an empty group has sums of 0 (got " + sum + ", " + sumOfSquares + ")");
        }
    }

    /** sum / count; empty for an empty group. */
    public OptionalDouble mean() {
        return count == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / count);
    }

    /**
     * The sample variance with n - 1 in the denominator; empty below two values. Rounding in sumOfSquares - sum²/n
     * can leave a tiny negative number for constant data; it is read as 0.
     */
    public OptionalDouble variance() {
        if (count < 2) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.max(0, (sumOfSquares - sum * sum / count) / (count - 1)));
    }

    /**
     * Student's interval for the mean, mean ± t(n - 1) √(s²/n); empty below two values. Values without spread give
     * the zero-width interval the formula gives.
     */
    public Optional<Interval> meanInterval(Confidence confidence) {
        if (count < 2) {
            return Optional.empty();
        }
        double mean = sum / count;
        double standardError = Math.sqrt(variance().getAsDouble() / count);
        double t = StudentT.upperQuantile(confidence.tail(), count - 1);
        return Optional.of(new Interval(mean - t * standardError, mean + t * standardError));
    }

    /** s²/n, the squared standard error of the mean; only for two values or more. */
    double varianceOfMean() {
        return variance().getAsDouble() / count;
    }
}
