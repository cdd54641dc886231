package dev.abkit.persistence;

import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.Option;
import dev.abkit.core.port.out.EventStore.MetricFigures;
import dev.abkit.core.port.out.EventStore.OptionFigures;

import java.util.HashMap;
import java.util.Map;

/** Adds up one scope's figures per option as the queries read them, then answers with every option. */
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

    MetricFigures figures(Experiment experiment, long overridden) {
        Map<String, OptionFigures> figures = new HashMap<>();
        boolean hasValues = false;
        for (Option option : experiment.options()) {
            Tally tally = options.getOrDefault(option.value(), new Tally());
            hasValues |= tally.valued > 0;
            figures.put(option.value(), new OptionFigures(tally.assigned, tally.exposed, tally.conversions,
                    tally.sum, tally.sumOfSquares));
        }
        return new MetricFigures(figures, overridden, hasValues);
    }
}
