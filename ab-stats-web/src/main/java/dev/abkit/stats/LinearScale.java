package dev.abkit.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps a range of data linearly onto a range of SVG user units, as the charts place their marks. The range
 * may run backwards (a y axis grows downwards on screen). {@link #nice} widens a data range to round ticks.
 */
final class LinearScale {

    private final double domainLow;
    private final double domainHigh;
    private final double rangeLow;
    private final double rangeHigh;
    private final double tickStep;

    /** A scale with ticks about a fifth of its domain apart. */
    LinearScale(double domainLow, double domainHigh, double rangeLow, double rangeHigh) {
        this(domainLow, domainHigh, rangeLow, rangeHigh, step(domainLow, domainHigh, 5));
    }

    private LinearScale(double domainLow, double domainHigh, double rangeLow, double rangeHigh, double tickStep) {
        if (!(domainLow < domainHigh)) {
            throw new IllegalArgumentException("a scale needs low < high (got " + domainLow + ", " + domainHigh + ")");
        }
        this.domainLow = domainLow;
        this.domainHigh = domainHigh;
        this.rangeLow = rangeLow;
        this.rangeHigh = rangeHigh;
        this.tickStep = tickStep;
    }

    /**
     * A scale over at least {@code [low, high]}, its ends widened to whole multiples of a round step (1, 2 or 5
     * times a power of ten) so that about {@code ticks} ticks fall on it. An empty range is widened by one.
     */
    static LinearScale nice(double low, double high, int ticks, double rangeLow, double rangeHigh) {
        if (low == high) {
            low -= 1;
            high += 1;
        }
        double step = step(low, high, ticks);
        return new LinearScale(Math.floor(low / step) * step, Math.ceil(high / step) * step, rangeLow, rangeHigh, step);
    }

    double at(double value) {
        return rangeLow + (value - domainLow) / (domainHigh - domainLow) * (rangeHigh - rangeLow);
    }

    double domainLow() {
        return domainLow;
    }

    double domainHigh() {
        return domainHigh;
    }

    /** The round values within the domain, its ends included when they are round. */
    List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        for (long i = (long) Math.ceil(domainLow / tickStep - 1e-9); i * tickStep <= domainHigh + tickStep * 1e-9; i++) {
            // i * step, not a running sum, so that 0.1 + 0.2 cannot drift away from 0.3; and never -0.0.
            double tick = i * tickStep;
            ticks.add(tick == 0 ? 0.0 : tick);
        }
        return ticks;
    }

    /** A tick as the axis writes it, with as many decimals as the step has: 0.5 steps give "1.5", 2 steps "4". */
    String tickText(double tick) {
        int decimals = (int) Math.max(0, -Math.floor(Math.log10(tickStep) + 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", tick);
    }

    /** A coordinate as the SVG gets it: one decimal is a tenth of a user unit, finer than any screen shows. */
    static String coordinate(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static double step(double low, double high, int ticks) {
        double raw = (high - low) / Math.max(1, ticks);
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double fraction = raw / power;
        double round = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return round * power;
    }
}
