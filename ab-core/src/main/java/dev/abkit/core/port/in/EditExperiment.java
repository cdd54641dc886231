package dev.abkit.core.port.in;

import dev.abkit.core.auth.Principal;
import dev.abkit.core.error.IllegalTransitionException;
import dev.abkit.core.error.InvalidScheduleException;
import dev.abkit.core.error.UnknownExperimentException;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;

/**
 * Changes what an experiment's status still lets change: a draft anything; a scheduled or running
 * one its end ({@code endAt}, {@code endAction}) and its coverage (R7, from the next block boundary on),
 * a closed one only its end, never its options or audience; a stopped one nothing.
 * The actor's role must hold {@code CHANGE_EXPERIMENTS} (else {@code PermissionDeniedException}); the
 * change is recorded in the audit trail under the actor's name.
 */
public interface EditExperiment {

    /**
     * @throws UnknownExperimentException if there is none with this key
     * @throws IllegalTransitionException if its status does not let a given field change
     * @throws InvalidScheduleException if an instant is not in the future, or the end not after the start
     */
    Experiment edit(Principal actor, ExperimentKey key, ExperimentChanges changes);
}
