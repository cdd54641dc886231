package dev.abkit.core.port.in;

import dev.abkit.core.auth.Principal;
import dev.abkit.core.error.DuplicateExperimentException;
import dev.abkit.core.error.InvalidScheduleException;
import dev.abkit.core.model.Experiment;

/**
 * Creates an experiment: running at once (devices registered from now on take part in it), a
 * draft, or scheduled to start at its {@code startAt}.
 * The actor's role must hold {@code CHANGE_EXPERIMENTS} (else {@code PermissionDeniedException}); the
 * change is recorded in the audit trail under the actor's name.
 */
public interface CreateExperiment {

    /**
     * Its options were checked when the command was made, so a failure here is never the caller's input
     * but for its schedule, which needs the current time.
     *
     * @throws DuplicateExperimentException if the key was ever used
     * @throws InvalidScheduleException if {@code startAt} or {@code endAt} is not in the future, or the end not after the start
     */
    Experiment create(Principal actor, NewExperiment newExperiment);
}
