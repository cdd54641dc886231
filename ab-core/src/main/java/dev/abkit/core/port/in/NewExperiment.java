package dev.abkit.core.port.in;

import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.Option;

import java.util.List;
import java.util.Objects;

/**
 * What a product team asks for when it creates an experiment. Its options are checked here, as
 * {@link Experiment} will check them, so that an adapter learns that a request is invalid while
 * it still turns the request into this command, not from the use case, whose failures are its own.
 */
public record NewExperiment(ExperimentKey key, List<Option> options) {

    public NewExperiment {
        Objects.requireNonNull(key, "key");
        options = Experiment.validOptions(options);
    }
}
