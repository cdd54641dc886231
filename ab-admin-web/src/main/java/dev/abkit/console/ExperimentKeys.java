package dev.abkit.console;

import dev.abkit.core.error.UnknownExperimentException;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.port.in.FindExperiments;

import java.util.Optional;

/** An experiment key from a path or a field: a text that is no valid key names no experiment (a 404, not a 400). */
final class ExperimentKeys {

    private ExperimentKeys() {
    }

    static Optional<ExperimentKey> parsed(String key) {
        try {
            return Optional.of(ExperimentKey.of(key));
        } catch (IllegalArgumentException notAKey) {
            return Optional.empty();
        }
    }

    /** The experiment a path or a field names, if there is one. */
    static Optional<Experiment> find(FindExperiments experiments, String key) {
        try {
            return parsed(key).map(experiments::get);
        } catch (UnknownExperimentException unknown) {
            return Optional.empty();
        }
    }
}
