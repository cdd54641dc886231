package dev.abkit.core.port.in;

import dev.abkit.core.auth.Principal;
import dev.abkit.core.error.IllegalTransitionException;
import dev.abkit.core.error.InvalidScheduleException;
import dev.abkit.core.error.UnknownExperimentException;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;

/**
 * Starts a draft or scheduled experiment now: devices first seen from this instant on join it (R2),
 * devices seen before never do. Starting a running experiment changes nothing.
 * The actor's role must hold {@code CHANGE_EXPERIMENTS} (else {@code PermissionDeniedException}); the
 * change is recorded in the audit trail under the actor's name.
 */
public interface StartExperiment {

    /**
     * @throws UnknownExperimentException if there is none with this key
     * @throws IllegalTransitionException if it is CLOSED or STOPPED
     * @throws InvalidScheduleException if its {@code endAt} has passed
     */
    Experiment start(Principal actor, ExperimentKey key);
}
