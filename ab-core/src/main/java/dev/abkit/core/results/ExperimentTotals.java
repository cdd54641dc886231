package dev.abkit.core.results;

import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.Option;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything one experiment's results are computed from: the experiment (its options' order and weights, and its
 * block design), the {@link OptionTotals} of each of its options for one metric and window, and the
 * {@link AssignmentCounts} of the sample-ratio check. The totals are kept in the experiment's option order, whatever
 * order they came in; every option has exactly one, and either all carry values (a value metric) or none does.
 */
public record ExperimentTotals(Experiment experiment, List<OptionTotals> options, AssignmentCounts assignments) {

    public ExperimentTotals {
        Objects.requireNonNull(experiment, "experiment");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(assignments, "assignments");
        Map<String, OptionTotals> byValue = new HashMap<>();
        for (OptionTotals totals : options) {
            Objects.requireNonNull(totals, "option totals");
            if (byValue.put(totals.value(), totals) != null) {
                throw new IllegalArgumentException("option \"" + totals.value() + "\" has totals twice");
            }
        }
        Set<String> values = experiment.options().stream().map(Option::value).collect(Collectors.toSet());
        if (!byValue.keySet().equals(values)) {
            throw new IllegalArgumentException("totals are for options " + byValue.keySet() + ", but experiment "
                    + experiment.key() + " has options " + values);
        }
        if (!assignments.assigned().keySet().equals(values)) {
            throw new IllegalArgumentException("assignments are for options " + assignments.assigned().keySet()
                    + ", but experiment " + experiment.key() + " has options " + values);
        }
        long withValues = options.stream().filter(totals -> totals.values().isPresent()).count();
        if (withValues != 0 && withValues != options.size()) {
            throw new IllegalArgumentException("either every option's totals carry values (a value metric) or none"
                    + " does (got " + withValues + " of " + options.size() + ")");
        }
        List<OptionTotals> ordered = new ArrayList<>();
        for (Option option : experiment.options()) {
            ordered.add(byValue.get(option.value()));
        }
        options = List.copyOf(ordered);
    }

    /** Whether the metric has values (a mean per device) besides conversions. */
    public boolean hasValues() {
        return options.get(0).values().isPresent();
    }
}
