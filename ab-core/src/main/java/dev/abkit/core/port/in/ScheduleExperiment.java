package dev.abkit.core.port.in;

import dev.abkit.core.auth.Principal;
import dev.abkit.core.error.IllegalTransitionException;
import dev.abkit.core.error.InvalidScheduleException;
import dev.abkit.core.error.UnknownExperimentException;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;

import java.time.Instant;

/**
 * Schedules a draft (or moves a scheduled experiment's schedule): the server starts it at
 * {@code startAt} and ends it at {@code endAt}, as its end action says, by itself (see
 * {@link CarryOutSchedules}).
 * The actor's role must hold {@code CHANGE_EXPERIMENTS} (else {@code PermissionDeniedException}); the
 * change is recorded in the audit trail under the actor's name.
 */
public interface ScheduleExperiment {

    /**
     * @param startAt when it starts; null keeps the one it has (a draft may have one)
     * @param endAt   when it ends; null keeps the one it has
     * @throws UnknownExperimentException if there is none with this key
     * @throws IllegalTransitionException unless it is a DRAFT or SCHEDULED
     * @throws InvalidScheduleException if an instant is not in the future, or the end not after the start
     */
    Experiment schedule(Principal actor, ExperimentKey key, Instant startAt, Instant endAt);

    /**
     * Refuses what {@link #schedule} would refuse now, and changes nothing: for a caller that asks a person to
     * confirm before it schedules, so that a start in the past is said before the question, not after.
     *
     * @throws UnknownExperimentException if there is none with this key
     * @throws IllegalTransitionException unless it is a DRAFT or SCHEDULED
     * @throws InvalidScheduleException if an instant is not in the future, or the end not after the start
     */
    void check(Principal actor, ExperimentKey key, Instant startAt, Instant endAt);
}
