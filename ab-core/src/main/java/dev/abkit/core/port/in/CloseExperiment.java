package dev.abkit.core.port.in;

import dev.abkit.core.auth.Principal;
import dev.abkit.core.error.IllegalTransitionException;
import dev.abkit.core.error.UnknownExperimentException;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;

/**
 * Closes a running experiment's enrolment, for when the sample is big enough: devices already
 * enrolled keep being served their values, no new device joins. Closing a closed one changes nothing.
 * The actor's role must hold {@code CHANGE_EXPERIMENTS} (else {@code PermissionDeniedException}); the
 * change is recorded in the audit trail under the actor's name.
 */
public interface CloseExperiment {

    /**
     * @throws UnknownExperimentException if there is none with this key
     * @throws IllegalTransitionException unless it is RUNNING or CLOSED
     */
    Experiment close(Principal actor, ExperimentKey key);
}
