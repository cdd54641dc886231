package dev.abkit.core.model;

import java.math.BigDecimal;

/**
 * The relative share of an option: a positive decimal with at most two decimal places.
 * Shares are normalised by the sum of an experiment's weights, so 33.3/33.3/33.3 are thirds.
 */
public record Weight(BigDecimal value) {

    public static final BigDecimal MAX = BigDecimal.valueOf(10_000);

    /**
     * Checks only comparisons until the value is known to be small: a decimal such as 1e2147483647
     * is a few bytes, but its plain digits or a rescaling would be gigabytes. Messages show it in
     * scientific notation for the same reason.
     */
    public Weight {
        if (value == null) {
            throw new IllegalArgumentException("weight is required");
        }
        if (value.signum() <= 0) {
            throw new IllegalArgumentException("weight must be greater than 0 (got " + shown(value) + ")");
        }
        if (value.compareTo(MAX) > 0) {
            throw new IllegalArgumentException(
                    "weight must be at most " + MAX.toPlainString() + " (got " + shown(value) + ")");
        }
        value = value.stripTrailingZeros();
        if (value.scale() > 2) {
            throw new IllegalArgumentException(
                    "weight must have at most two decimal places (got " + shown(value) + ")");
        }
        if (value.scale() < 0) {
            value = value.setScale(0);
        }
    }

    public static Weight of(String value) {
        BigDecimal parsed;
        try {
            parsed = new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("weight must be a decimal number (got " + Quoted.of(value) + ")");
        }
        return new Weight(parsed);
    }

    public static Weight of(double value) {
        return of(Double.toString(value));
    }

    /** The weight in hundredths, exact: 33.3 is 3330. */
    public long hundredths() {
        return value.movePointRight(2).longValueExact();
    }

    private static String shown(BigDecimal value) {
        return Quoted.shortened(value.toString());
    }

    @Override
    public String toString() {
        return value.toPlainString();
    }
}
