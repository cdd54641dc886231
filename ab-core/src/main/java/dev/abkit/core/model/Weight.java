package dev.abkit.core.model;

import java.math.BigDecimal;

/**
 * The relative share of an option: a positive decimal with at most two decimal places.
 * Shares are normalised by the sum of an experiment's weights, so 33.3/33.3/33.3 are thirds.
 */
public record Weight(BigDecimal value) {

    public static final BigDecimal MAX = BigDecimal.valueOf(10_000);

    public Weight {
        if (value == null) {
            throw new IllegalArgumentException("weight is required");
        }
        if (value.signum() <= 0) {
            throw new IllegalArgumentException("weight must be greater than 0 (got " + value.toPlainString() + ")");
        }
        if (value.compareTo(MAX) > 0) {
            throw new IllegalArgumentException(
                    "weight must be at most " + MAX.toPlainString() + " (got " + value.toPlainString() + ")");
        }
        value = value.stripTrailingZeros();
        if (value.scale() > 2) {
            throw new IllegalArgumentException(
                    "weight must have at most two decimal places (got " + value.toPlainString() + ")");
        }
        if (value.scale() < 0) {
            value = value.setScale(0);
        }
    }

    public static Weight of(String value) {
        try {
            return new Weight(new BigDecimal(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("weight must be a decimal number (got " + Quoted.of(value) + ")");
        }
    }

    public static Weight of(double value) {
        return of(Double.toString(value));
    }

    /** The weight in hundredths, exact: 33.3 is 3330. */
    public long hundredths() {
        return value.movePointRight(2).longValueExact();
    }

    @Override
    public String toString() {
        return value.toPlainString();
    }
}
