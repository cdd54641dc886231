package dev.abkit.stats;

import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.results.ExperimentResults;
import dev.abkit.core.results.OptionResult;
import dev.abkit.core.results.SampleRatio;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** Results rows written out by hand, for the view models' tests: only the figures a test is about are set. */
final class ResultRows {

    private static final OptionalDouble NONE = OptionalDouble.empty();

    private ResultRows() {
    }

    static OptionResult control(String value, long devices, long conversions) {
        return new OptionResult(value, devices, conversions, rate(devices, conversions), NONE, NONE, NONE, NONE, NONE,
                NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE);
    }

    /** An option compared with the control: its difference of rates with that interval, and a p-value of 0.5. */
    static OptionResult compared(String value, double difference, double low, double high) {
        return new OptionResult(value, 100, 10, OptionalDouble.of(0.1), NONE, NONE, NONE, NONE, NONE,
                OptionalDouble.of(difference), OptionalDouble.of(low), OptionalDouble.of(high), NONE, NONE, NONE,
                NONE, OptionalDouble.of(0.5), OptionalDouble.of(0.5));
    }

    /** An option without devices: nothing to compare. */
    static OptionResult empty(String value) {
        return new OptionResult(value, 0, 0, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE,
                NONE, NONE, NONE);
    }

    static ExperimentResults results(String control, OptionResult... options) {
        Map<String, Double> expected = new LinkedHashMap<>();
        Map<String, Long> observed = new LinkedHashMap<>();
        for (OptionResult option : options) {
            expected.put(option.value(), (double) option.devices());
            observed.put(option.value(), option.devices());
        }
        return new ExperimentResults(ExperimentKey.of("checkout"), control, List.of(options),
                new SampleRatio(expected, observed, true, NONE, NONE, false));
    }

    private static OptionalDouble rate(long devices, long conversions) {
        return devices == 0 ? NONE : OptionalDouble.of((double) conversions / devices);
    }
}
