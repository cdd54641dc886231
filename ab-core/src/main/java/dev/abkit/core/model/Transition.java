package dev.abkit.core.model;

import java.util.EnumSet;
import java.util.Set;

import static dev.abkit.core.model.ExperimentStatus.CLOSED;
import static dev.abkit.core.model.ExperimentStatus.DRAFT;
import static dev.abkit.core.model.ExperimentStatus.RUNNING;
import static dev.abkit.core.model.ExperimentStatus.SCHEDULED;
import static dev.abkit.core.model.ExperimentStatus.STOPPED;

/**
 * The admin calls that move an experiment, and the statuses each may start from: the one table of
 * allowed transitions. A call asking for the status the experiment already has (start a running
 * one, close a closed one, stop a stopped one) changes nothing and is not refused, so that a retry
 * after a lost reply is safe. Everything else is refused.
 */
public enum Transition {

    /** Runs it now: new devices join from this instant (R2). */
    START(RUNNING, EnumSet.of(DRAFT, SCHEDULED)),
    /** Sets when it starts (and ends) by itself. */
    SCHEDULE(SCHEDULED, EnumSet.of(DRAFT, SCHEDULED)),
    /** Closes enrolment; enrolled devices keep their values. */
    CLOSE(CLOSED, EnumSet.of(RUNNING)),
    /** Ends it for good. */
    STOP(STOPPED, EnumSet.of(DRAFT, SCHEDULED, RUNNING, CLOSED));

    private final ExperimentStatus target;
    private final Set<ExperimentStatus> from;

    Transition(ExperimentStatus target, Set<ExperimentStatus> from) {
        this.target = target;
        this.from = java.util.Collections.unmodifiableSet(from);
    }

    /** The status it leads to. */
    public ExperimentStatus target() {
        return target;
    }

    /** The statuses it moves an experiment from. */
    public Set<ExperimentStatus> from() {
        return from;
    }

    /** Whether it moves an experiment that is {@code status} now. */
    public boolean movesFrom(ExperimentStatus status) {
        return from.contains(status);
    }

    /** Whether an experiment that is {@code status} now is already where it leads: nothing to do. */
    public boolean isDoneAt(ExperimentStatus status) {
        return status == target && this != SCHEDULE;
    }

    /** The name an admin calls it by: start, schedule, close, stop. */
    public String call() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
