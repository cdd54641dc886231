package dev.abkit.core.error;

import dev.abkit.core.model.ExperimentKey;

/** An experiment with this key exists already; keys are never reused, even after a stop. */
public final class DuplicateExperimentException extends RuntimeException {

    private final transient ExperimentKey key;

    public DuplicateExperimentException(ExperimentKey key) {
        super("an experiment with key \"" + key + "\" exists already; keys are never reused, pick a new one");
        this.key = key;
    }

    public ExperimentKey key() {
        return key;
    }
}
