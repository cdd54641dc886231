package dev.abkit.core.error;

import dev.abkit.core.model.ExperimentKey;

/** No experiment has this key. */
public final class UnknownExperimentException extends RuntimeException {

    private final transient ExperimentKey key;

    public UnknownExperimentException(ExperimentKey key) {
        super("there is no experiment with key \"" + key + "\"");
        this.key = key;
    }

    public ExperimentKey key() {
        return key;
    }
}
