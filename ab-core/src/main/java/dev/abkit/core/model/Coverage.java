package dev.abkit.core.model;

import java.math.BigDecimal;

/**
 * The share of eligible new devices an experiment enrols (R7), in percent with at most two decimal
 * places: 0.01 to 100. Kept as hundredths of a percent, so 10 % is 1000 of 10,000 and the permuted
 * blocks that make the share exact are at most 10,000 devices long.
 *
 * @param hundredths the share in hundredths of a percent, 1 to 10,000
 */
public record Coverage(int hundredths) {

    /** In hundredths of a percent: 100 %. */
    public static final int WHOLE = 10_000;

    /** Every eligible new device is enrolled: the default, and how experiments ran before coverage. */
    public static final Coverage FULL = new Coverage(WHOLE);

    public Coverage {
        if (hundredths < 1 || hundredths > WHOLE) {
            throw new IllegalArgumentException("coverage must be between 0.01 and 100 percent (got "
                    + BigDecimal.valueOf(hundredths, 2).toPlainString() + ")");
        }
    }

    /**
     * @param percent 0.01 to 100, at most two decimal places
     * @throws IllegalArgumentException saying what is wrong, when it is not such a number
     */
    public static Coverage percent(BigDecimal percent) {
        if (percent == null) {
            throw new IllegalArgumentException("coverage is required");
        }
        // Comparisons first: a decimal such as 1e2147483647 is small to send and huge to rescale.
        if (percent.compareTo(new BigDecimal("0.01")) < 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException("coverage must be between 0.01 and 100 percent (got "
                    + Quoted.shortened(percent.toString()) + ")");
        }
        BigDecimal stripped = percent.stripTrailingZeros();
        if (stripped.scale() > 2) {
            throw new IllegalArgumentException("coverage must have at most two decimal places (got "
                    + Quoted.shortened(percent.toString()) + ")");
        }
        return new Coverage(stripped.movePointRight(2).intValueExact());
    }

    /** @see #percent(BigDecimal) */
    public static Coverage percent(String percent) {
        try {
            return percent(new BigDecimal(percent));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("coverage must be a decimal number (got " + Quoted.of(percent) + ")");
        }
    }

    /**
     * Devices per block of the permuted blocks that enrol this share: after every multiple of it, exactly
     * this share of them is enrolled. 10 % gives 10 (1 in, 9 out); 33.33 % gives 10,000.
     */
    public int blockSize() {
        return WHOLE / gcd(hundredths, WHOLE);
    }

    /** Enrolled devices per block. */
    public int enrolledPerBlock() {
        return hundredths / gcd(hundredths, WHOLE);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    public boolean isFull() {
        return hundredths == WHOLE;
    }

    /** The share in percent, as few decimals as it needs: 10, 33.33, 100. */
    public BigDecimal percent() {
        BigDecimal percent = BigDecimal.valueOf(hundredths, 2).stripTrailingZeros();
        return percent.scale() < 0 ? percent.setScale(0) : percent;
    }

    @Override
    public String toString() {
        return percent().toPlainString() + "%";
    }
}
