package dev.abkit.core.error;

import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.ExperimentStatus;

/** The experiment's status does not allow what was asked (see {@code Transition}); the status says why. */
public final class IllegalTransitionException extends ExperimentException {

    private final ExperimentStatus currentStatus;

    public IllegalTransitionException(ExperimentKey key, ExperimentStatus currentStatus, String refused) {
        super(key, "experiment \"" + key + "\" is " + currentStatus + ": " + refused);
        this.currentStatus = currentStatus;
    }

    public ExperimentStatus currentStatus() {
        return currentStatus;
    }
}
