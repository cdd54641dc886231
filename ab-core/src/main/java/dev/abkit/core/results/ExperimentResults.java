package dev.abkit.core.results;

import dev.abkit.core.model.ExperimentKey;

import java.util.List;
import java.util.Objects;

/**
 * One experiment's results for one metric and window: the {@code control} option's value, one {@link OptionResult}
 * per option in the experiment's order (the control's among them), and the {@link SampleRatio} check. What the
 * query asked (metric, window, exposed) is the caller's to add.
 */
public record ExperimentResults(ExperimentKey experiment, String control, List<OptionResult> options,
                                SampleRatio sampleRatio) {

    public ExperimentResults {
        Objects.requireNonNull(experiment, "experiment");
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(sampleRatio, "sampleRatio");
        options = List.copyOf(options);
        if (options.stream().noneMatch(option -> option.value().equals(control))) {
            throw new IllegalArgumentException("control \"" + control + "\" is not among the options");
        }
    }
}
