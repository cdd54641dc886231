package dev.abkit.core.results;

import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.Option;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The sample-ratio check of one experiment (issue 14), as the API answers it, maps in the experiment's option order.
 *
 * @param expected       per option value, the assigned devices its weight calls for: all assigned (not overridden)
 *                       devices times its weight over the sum of weights
 * @param observed       per option value, the assigned devices that are not overridden
 * @param withinOneBlock whether the experiment's allocation so far, with the slots whose option no count shows, is
 *                       one that exact allocation can produce ({@link WithinOneBlock}, {@link SlotsHandedOut}), with
 *                       every slot handed out accounted for; false is a data-loss alarm. Judged on the whole
 *                       allocation whatever the window, which is what exact allocation promises
 * @param chiSquare      where exposures are used, Pearson's χ² of the exposed counts against the weights, with its
 *                       {@code pValue}; empty without exposures, without exposed devices, or with a single option
 * @param mismatch       whether that p-value is below {@link #MISMATCH_BELOW}; false when there is none
 */
public record SampleRatio(Map<String, Double> expected, Map<String, Long> observed, boolean withinOneBlock,
                          OptionalDouble chiSquare, OptionalDouble pValue, boolean mismatch) {

    /** The p-value below which the exposed counts are flagged, as issue 14 pins it. */
    public static final double MISMATCH_BELOW = 0.001;

    public SampleRatio {
        expected = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(expected, "expected")));
        observed = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(observed, "observed")));
        Objects.requireNonNull(chiSquare, "chiSquare");
        Objects.requireNonNull(pValue, "pValue");
        if (chiSquare.isPresent() != pValue.isPresent()) {
            throw new IllegalArgumentException("a chi-square needs its p-value and the other way round");
        }
        if (mismatch != (pValue.isPresent() && pValue.getAsDouble() < MISMATCH_BELOW)) {
            throw new IllegalArgumentException("mismatch is p < " + MISMATCH_BELOW + " (got " + mismatch
                    + " for p = " + pValue + ")");
        }
    }

    /** The check of {@code counts} against the weights and block design of {@code experiment}. */
    static SampleRatio of(Experiment experiment, AssignmentCounts counts) {
        List<Option> options = experiment.options();
        List<Long> observed = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        long assigned = 0;
        double weightTotal = 0;
        for (Option option : options) {
            long count = counts.assigned().get(option.value());
            observed.add(count);
            assigned += count;
            double weight = option.weight().hundredths();
            weights.add(weight);
            weightTotal += weight;
        }
        Map<String, Double> expectedByValue = new LinkedHashMap<>();
        Map<String, Long> observedByValue = new LinkedHashMap<>();
        for (int i = 0; i < options.size(); i++) {
            expectedByValue.put(options.get(i).value(), assigned * weights.get(i) / weightTotal);
            observedByValue.put(options.get(i).value(), observed.get(i));
        }
        SlotsHandedOut slots = counts.slots();
        boolean withinOneBlock = slots.unaccounted() == 0 && WithinOneBlock.holds(experiment.blockDesign(),
                options.stream().map(option -> slots.counted().getOrDefault(option.value(), 0L)).toList(),
                slots.hidden());
        Optional<GoodnessOfFit> fit = counts.exposed().isEmpty() || options.size() < 2 ? Optional.empty()
                : GoodnessOfFit.pearson(options.stream().map(option -> counts.exposed().get().get(option.value()))
                .toList(), weights);
        OptionalDouble chiSquare = fit.map(f -> OptionalDouble.of(f.chiSquare())).orElse(OptionalDouble.empty());
        OptionalDouble pValue = fit.map(f -> OptionalDouble.of(f.pValue())).orElse(OptionalDouble.empty());
        return new SampleRatio(expectedByValue, observedByValue, withinOneBlock, chiSquare, pValue,
                pValue.isPresent() && pValue.getAsDouble() < MISMATCH_BELOW);
    }
}
