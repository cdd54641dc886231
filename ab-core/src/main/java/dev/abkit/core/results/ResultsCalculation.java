package dev.abkit.core.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Computes an experiment's results from its {@link ExperimentTotals}, as issue 14 pins them: per option the
 * conversion rate with its Wilson interval and, for a value metric, the mean per device with Student's interval and its difference from the control's with Welch's interval;
 * for each option but the control the difference of rates with Newcombe's hybrid score interval (method 10), the
 * lift (difference / control rate) and the pooled two-proportion z-test's p-value, Holm-adjusted over the options
 * compared with the control that have one; and the sample-ratio check.
 */
public final class ResultsCalculation {

    private static final Confidence CONFIDENCE = Confidence.NINETY_FIVE_PERCENT;

    private ResultsCalculation() {
    }

    /** The results against the first option as control. */
    public static ExperimentResults of(ExperimentTotals totals) {
        return of(totals, Optional.empty());
    }

    /**
     * The results against {@code control}, or the first option when it is empty.
     *
     * @throws IllegalArgumentException naming the control when the experiment has no option of that value
     */
    public static ExperimentResults of(ExperimentTotals totals, Optional<String> control) {
        List<OptionTotals> options = totals.options();
        String controlValue = control.orElse(options.get(0).value());
        OptionTotals controlTotals = options.stream().filter(option -> option.value().equals(controlValue))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("control \"" + controlValue + "\" is not an option"
                        + " of experiment " + totals.experiment().key() + "; its options are "
                        + options.stream().map(OptionTotals::value).toList()));
        Proportion controlRate = controlTotals.conversionRate();

        List<OptionalDouble> rawPValues = new ArrayList<>();
        for (OptionTotals option : options) {
            rawPValues.add(option == controlTotals ? OptionalDouble.empty()
                    : TwoProportionZTest.pValue(option.conversionRate(), controlRate));
        }
        List<OptionalDouble> adjusted = holm(rawPValues);

        List<OptionResult> rows = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            OptionTotals option = options.get(i);
            rows.add(row(option, option == controlTotals ? Optional.empty() : Optional.of(controlTotals),
                    rawPValues.get(i), adjusted.get(i)));
        }
        return new ExperimentResults(totals.experiment().key(), controlValue, rows,
                SampleRatio.of(totals.experiment(), totals.assignments()));
    }

    private static OptionResult row(OptionTotals option, Optional<OptionTotals> controlTotals, OptionalDouble pValue,
                                    OptionalDouble pValueAdjusted) {
        Optional<Proportion> control = controlTotals.map(OptionTotals::conversionRate);
        Proportion rate = option.conversionRate();
        Optional<Interval> rateInterval = WilsonScore.interval(rate, CONFIDENCE);
        Optional<SampleSums> values = option.values();
        OptionalDouble mean = values.map(SampleSums::mean).orElse(OptionalDouble.empty());
        Optional<Interval> meanInterval = values.flatMap(sums -> sums.meanInterval(CONFIDENCE));
        Optional<Interval> differenceInterval = control.flatMap(
                controlRate -> NewcombeHybridScore.difference(rate, controlRate, CONFIDENCE));
        OptionalDouble difference = control.isPresent() && rate.trials() > 0 && control.get().trials() > 0
                ? OptionalDouble.of(rate.estimate() - control.get().estimate()) : OptionalDouble.empty();
        Optional<SampleSums> controlValues = controlTotals.flatMap(OptionTotals::values);
        OptionalDouble meanDifference = values.isPresent() && controlValues.isPresent()
                && values.get().count() > 0 && controlValues.get().count() > 0
                ? OptionalDouble.of(values.get().mean().getAsDouble() - controlValues.get().mean().getAsDouble())
                : OptionalDouble.empty();
        Optional<Interval> meanDifferenceInterval = values.isPresent() && controlValues.isPresent()
                ? WelchInterval.difference(values.get(), controlValues.get(), CONFIDENCE) : Optional.empty();
        OptionalDouble lift = difference.isPresent() && control.get().successes() > 0
                ? OptionalDouble.of(difference.getAsDouble() / control.get().estimate()) : OptionalDouble.empty();
        return new OptionResult(option.value(), option.devices(), option.conversions(),
                rate.rate(), low(rateInterval), high(rateInterval),
                mean, low(meanInterval), high(meanInterval),
                difference, low(differenceInterval), high(differenceInterval),
                meanDifference, low(meanDifferenceInterval), high(meanDifferenceInterval),
                lift, pValue, pValueAdjusted);
    }

    /** Holm over the p-values present; an absent one stays absent and does not count among the m compared. */
    private static List<OptionalDouble> holm(List<OptionalDouble> pValues) {
        List<Double> present = pValues.stream().filter(OptionalDouble::isPresent)
                .map(OptionalDouble::getAsDouble).toList();
        List<Double> adjusted = HolmAdjustment.adjust(present);
        List<OptionalDouble> result = new ArrayList<>();
        int next = 0;
        for (OptionalDouble pValue : pValues) {
            result.add(pValue.isPresent() ? OptionalDouble.of(adjusted.get(next++)) : OptionalDouble.empty());
        }
        return result;
    }

    private static OptionalDouble low(Optional<Interval> interval) {
        return interval.map(i -> OptionalDouble.of(i.low())).orElse(OptionalDouble.empty());
    }

    private static OptionalDouble high(Optional<Interval> interval) {
        return interval.map(i -> OptionalDouble.of(i.high())).orElse(OptionalDouble.empty());
    }
}
