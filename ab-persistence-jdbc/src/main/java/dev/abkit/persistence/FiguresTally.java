package dev.abkit.persistence;

import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.Option;
import dev.abkit.core.port.out.EventStore.MetricFigures;
import dev.abkit.core.port.out.EventStore.OptionFigures;
import dev.abkit.core.results.SlotsHandedOut;

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
 * never negative. Neither residue is bounded here: each is the rounding of amounts no reader sees any more (a
 * purchase of 1e15, one of 0.1 and a refund of 1e15 leave 0.125 in the counter where the device's own total is
 * 0.1), and refusing it made every later read of that option a 500 until another device converted. That the
 * counters equal the events is checked where the events are at hand (MetricCounterCheck, the store's tests, the
 * benchmark's checks).
 */
final class FiguresTally {

    private static final class Tally {
        long assigned;
        long exposed;
        long conversions;
        long valued;
        double sum;
        double sumOfSquares;
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
            double sum = allTotalsZero ? 0 : tally.sum;
            double sumOfSquares = allTotalsZero ? 0 : Math.max(0, tally.sumOfSquares);
            figures.put(option.value(), new OptionFigures(tally.assigned, tally.exposed, tally.conversions,
                    sum, sumOfSquares));
        }
        return new MetricFigures(figures, slots, hasValues);
    }
}
