package dev.abkit.core.error;

import dev.abkit.core.model.ExperimentKey;

/** No experiment has this key. */
public final class UnknownExperimentException extends ExperimentException {

    public UnknownExperimentException(ExperimentKey key) {
        super(key, "there is no experiment with key \"" + key + "\"");
    }
}
