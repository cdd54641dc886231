package dev.abkit.core.results;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One option's row of the results, member for member as the API answers it (issue 14); an empty figure is
 * {@code null} there. Rates, differences and lift are fractions (0.125, not 12.5); intervals are 95 %.
 *
 * @param rate           conversions / devices, with its Wilson score interval {@code rateLow}..{@code rateHigh};
 *                       empty without devices
 * @param mean           for a value metric, the mean per device (a device without events counts 0), with Student's
 *                       interval {@code meanLow}..{@code meanHigh} (empty below two devices); empty otherwise
 * @param difference     this option's rate minus the control's, with Newcombe's hybrid score interval
 *                       {@code differenceLow}..{@code differenceHigh}; empty for the control row and when either side
 *                       has no devices
 * @param meanDifference for a value metric, this option's mean minus the control's, with Welch's interval
 *                       {@code meanDifferenceLow}..{@code meanDifferenceHigh} (empty unless both sides have two
 *                       devices or more); empty for the control row and for a metric without values
 * @param lift           difference / the control's rate; also empty when the control's rate is 0
 * @param pValue         the two-sided pooled two-proportion z-test against the control; empty as difference is
 * @param pValueAdjusted pValue after Holm's adjustment over the options compared with the control: equal to
 *                       pValue when only one is
 */
public record OptionResult(String value, long devices, long conversions,
                           OptionalDouble rate, OptionalDouble rateLow, OptionalDouble rateHigh,
                           OptionalDouble mean, OptionalDouble meanLow, OptionalDouble meanHigh,
                           OptionalDouble difference, OptionalDouble differenceLow, OptionalDouble differenceHigh,
                           OptionalDouble meanDifference, OptionalDouble meanDifferenceLow,
                           OptionalDouble meanDifferenceHigh, OptionalDouble lift, OptionalDouble pValue, OptionalDouble pValueAdjusted) {

    public OptionResult {
        Objects.requireNonNull(value, "value");
        for (OptionalDouble figure : new OptionalDouble[]{rate, rateLow, rateHigh, mean, meanLow, meanHigh,
                difference, differenceLow, differenceHigh, meanDifference, meanDifferenceLow, meanDifferenceHigh, lift,
                pValue, pValueAdjusted}) {
            Objects.requireNonNull(figure, "an absent figure is an empty OptionalDouble, not null");
        }
        if (pValue.isPresent() != pValueAdjusted.isPresent()) {
            throw new IllegalArgumentException("option \"" + value + "\" needs both p-values or neither");
        }
    }
}
