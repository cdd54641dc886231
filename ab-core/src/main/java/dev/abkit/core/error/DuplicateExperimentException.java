package dev.abkit.core.error;

import dev.abkit.core.model.ExperimentKey;

/** An experiment with this key exists already; keys are never reused, even after a stop. */
public final class DuplicateExperimentException extends ExperimentException {

    public DuplicateExperimentException(ExperimentKey key) {
        super(key, "an experiment with key \"" + key + "\" exists already; keys are never reused, pick a new one");
    }
}
