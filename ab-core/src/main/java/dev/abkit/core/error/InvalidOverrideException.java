package dev.abkit.core.error;

import dev.abkit.core.model.ExperimentKey;

/** An override with a value the experiment does not have; {@code field} names it as the admin API does ({@code value}). */
public final class InvalidOverrideException extends ExperimentException {

    public static final String FIELD = "value";

    public InvalidOverrideException(ExperimentKey key, String message) {
        super(key, message);
    }

    public String field() {
        return FIELD;
    }
}
