package dev.abkit.stats;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Numbers as the pages show them. The core answers in fractions (0.125); people read percentages
 * (12.5%) and differences of rates in percentage points (+2.5 pp). A figure the data cannot define
 * is an em dash, never "NaN" or a blank that could pass for zero.
 */
final class Figures {

    static final String NONE = "—";

    /** U+2212: a minus sign is as wide as the plus, so signed columns line up. */
    static final String MINUS = "−";

    private static final BigDecimal P_VALUE_FLOOR = new BigDecimal("0.0001");
    private static final MathContext FOUR_DIGITS = new MathContext(4, RoundingMode.HALF_EVEN);

    private Figures() {
    }

    static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    /**
     * 0.125 → "12.5%", 0.1 → "10.0%", 0.0035 → "0.35%": a tenth of a percent, or a hundredth below 1 %, where a
     * tenth would hide most of the figure.
     */
    static String percent(OptionalDouble fraction) {
        return fraction.isPresent() ? inPercent(fraction.getAsDouble()).toPlainString() + "%" : NONE;
    }

    /** A relative change, 0.2 → "+20.0%". */
    static String signedPercent(OptionalDouble fraction) {
        return fraction.isPresent() ? signed(inPercent(fraction.getAsDouble())) + "%" : NONE;
    }

    /** A difference of two rates in percentage points, 0.025 → "+2.5 pp". */
    static String points(OptionalDouble fraction) {
        return fraction.isPresent() ? signed(inPercent(fraction.getAsDouble())) + " pp" : NONE;
    }

    /** A rate's interval, "10.2% – 14.9%"; null (nothing shown) unless both ends are known. */
    static String percentInterval(OptionalDouble low, OptionalDouble high) {
        return low.isPresent() && high.isPresent() ? percent(low) + " – " + percent(high) : null;
    }

    /** A difference's interval, "+0.3 to +4.7 pp"; null unless both ends are known. */
    static String pointsInterval(OptionalDouble low, OptionalDouble high) {
        return low.isPresent() && high.isPresent()
                ? signed(inPercent(low.getAsDouble())) + " to " + signed(inPercent(high.getAsDouble())) + " pp"
                : null;
    }

    /** Four decimals, as the statistics are tested; below that "< 0.0001" rather than a misleading 0. */
    static String pValue(OptionalDouble p) {
        if (p.isEmpty()) {
            return NONE;
        }
        BigDecimal rounded = BigDecimal.valueOf(p.getAsDouble()).setScale(4, RoundingMode.HALF_EVEN);
        return rounded.compareTo(P_VALUE_FLOOR) < 0 ? "< 0.0001" : rounded.toPlainString();
    }

    /** A mean per device in the metric's own unit: cents stay visible (1,234.50), small means keep four digits (0.004213). */
    static String amount(OptionalDouble value) {
        return value.isPresent() ? plain(amountOf(value.getAsDouble())) : NONE;
    }

    /** A difference of means, with its sign. */
    static String signedAmount(OptionalDouble value) {
        return value.isPresent() ? signed(amountOf(value.getAsDouble())) : NONE;
    }

    static String amountInterval(OptionalDouble low, OptionalDouble high) {
        return low.isPresent() && high.isPresent() ? amount(low) + " – " + amount(high) : null;
    }

    static String signedAmountInterval(OptionalDouble low, OptionalDouble high) {
        return low.isPresent() && high.isPresent() ? signedAmount(low) + " to " + signedAmount(high) : null;
    }

    /** An expected count, which weights make fractional: one decimal. */
    static String expectedCount(double count) {
        return String.format(Locale.ROOT, "%,.1f", count);
    }

    private static BigDecimal inPercent(double fraction) {
        BigDecimal percent = BigDecimal.valueOf(fraction).movePointRight(2);
        BigDecimal tenths = percent.setScale(1, RoundingMode.HALF_EVEN);
        return tenths.abs().compareTo(BigDecimal.ONE) < 0 && percent.signum() != 0
                ? percent.setScale(2, RoundingMode.HALF_EVEN) : tenths;
    }

    private static BigDecimal amountOf(double value) {
        BigDecimal exact = BigDecimal.valueOf(value);
        return exact.abs().compareTo(BigDecimal.valueOf(100)) >= 0
                ? exact.setScale(2, RoundingMode.HALF_EVEN)
                : exact.round(FOUR_DIGITS);
    }

    private static String signed(BigDecimal value) {
        if (value.signum() == 0) {
            return plain(value.abs());
        }
        return (value.signum() > 0 ? "+" : MINUS) + plain(value.abs());
    }

    private static String plain(BigDecimal value) {
        BigDecimal whole = value.setScale(0, RoundingMode.DOWN);
        String integer = String.format(Locale.ROOT, "%,d", whole.toBigIntegerExact());
        String digits = value.toPlainString();
        int point = digits.indexOf('.');
        return (value.signum() < 0 && whole.signum() == 0 ? MINUS : "") + integer.replace("-", MINUS)
                + (point < 0 ? "" : digits.substring(point));
    }
}
