package dev.abkit.persistence;

import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.Option;
import dev.abkit.core.port.out.EventStore.MetricFigures;
import dev.abkit.core.results.SlotsHandedOut;
import dev.abkit.core.port.out.EventStore.OptionFigures;

import java.util.HashMap;
import java.util.Map;

/**
 * Adds up one scope's figures per option as the queries read them, then answers with every option.
 *
 * <p>The sums are doubles added and taken away again: the counters hold each batch's after − before and
 * after² − before², and an overridden device's figures are withdrawn with its total and total². What cancels
 * in arithmetic can leave a rounding residue (0.09 + 0.4 − 0.49 is −5.6e-17 in doubles), and the core rightly
 * refuses a negative sum of squares. Where the exact value is known, the residue goes: with no converting
 * device, or no event with a value, every device's total is 0, so both sums are; and a sum of squares is
 * never negative. Its residue can be as large as the rounding of intermediate squares no reader sees (a
 * purchase of 1,000,000 and its refund), so it is not bounded here; a sum that should be 0 but is further
 * from it than rounding explains is a fault of the counters, and fails loudly.
 */
final class FiguresTally {

    /** Far above the rounding of the additions of one option's sum, far below any real amount. */
    private static final double ROUNDING = 1e-6;

    private static final class Tally {
        long assigned;
        long exposed;
        long conversions;
        long valued;
        double sum;
        double sumOfSquares;
        /** Σ of the absolute values added to {@link #sum}: the scale of its rounding. */
        double sumScale;
    }

    private final Map<String, Tally> options = new HashMap<>();

    private Tally of(String value) {
        return options.computeIfAbsent(value, ignored -> new Tally());
    }

    void assigned(String option, long devices) {
        of(option).assigned += devices;
    }

    void exposed(String option, long devices) {
        of(option).exposed += devices;
    }

    /** Converting devices, the events with a value among theirs, the sum of values and of squared device totals. */
    void converted(String option, long devices, long valued, double sum, double sumOfSquares) {
        Tally tally = of(option);
        tally.conversions += devices;
        tally.valued += valued;
        tally.sum += sum;
        tally.sumOfSquares += sumOfSquares;
        tally.sumScale += Math.abs(sum);
    }

    /** Takes one device's counted figures out again. */
    void withdraw(String option, DeviceMetric device) {
        if (device.converted()) {
            converted(option, -1, -device.valued(), -device.total(), -device.total() * device.total());
        }
    }

    MetricFigures figures(Experiment experiment, SlotsHandedOut slots) {
        Map<String, OptionFigures> figures = new HashMap<>();
        boolean hasValues = false;
        for (Option option : experiment.options()) {
            Tally tally = options.getOrDefault(option.value(), new Tally());
            hasValues |= tally.valued > 0;
            boolean allTotalsZero = tally.conversions == 0 || tally.valued == 0;
            if (allTotalsZero) {
                requireRounding(tally, option);
            }
            double sum = allTotalsZero ? 0 : tally.sum;
            double sumOfSquares = allTotalsZero ? 0 : Math.max(0, tally.sumOfSquares);
            figures.put(option.value(), new OptionFigures(tally.assigned, tally.exposed, tally.conversions,
                    sum, sumOfSquares));
        }
        return new MetricFigures(figures, slots, hasValues);
    }

    /** That a sum which can only be 0 is 0 but for rounding. */
    private static void requireRounding(Tally tally, Option option) {
        if (Math.abs(tally.sum) > ROUNDING * Math.max(1, tally.sumScale)) {
            throw new IllegalStateException("the counters of option " + option.value() + " disagree: the sum of its values"
                    + " is " + tally.sum + " where no counting device has a total other than 0");
        }
    }
}
