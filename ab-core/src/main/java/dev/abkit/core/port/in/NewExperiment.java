package dev.abkit.core.port.in;

import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.Option;

import java.util.List;
import java.util.Objects;

/** What a product team asks for when it creates an experiment. */
public record NewExperiment(ExperimentKey key, List<Option> options) {

    public NewExperiment {
        Objects.requireNonNull(key, "key");
        if (options == null) {
            throw new IllegalArgumentException("an experiment needs at least one option");
        }
        options = List.copyOf(options);
    }
}
