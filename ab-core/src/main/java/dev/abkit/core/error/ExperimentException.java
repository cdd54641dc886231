package dev.abkit.core.error;

import dev.abkit.core.model.ExperimentKey;

/** A request about one experiment that cannot be carried out; the key says which. */
public abstract class ExperimentException extends RuntimeException {

    private final transient ExperimentKey key;

    protected ExperimentException(ExperimentKey key, String message) {
        super(message);
        this.key = key;
    }

    public ExperimentKey key() {
        return key;
    }
}
