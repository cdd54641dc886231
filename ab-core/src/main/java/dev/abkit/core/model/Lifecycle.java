package dev.abkit.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Where an experiment is in its life, and when it starts and ends. Consistent by construction:
 * a scheduled experiment has a {@code startAt}; one that has run has a {@code startedAt} and one
 * that has not, none; {@code endAt} comes after {@code startAt}.
 *
 * @param status    where it is now
 * @param startAt   when it starts by itself, or null; kept after that start as the plan it followed
 * @param endAt     when it ends by itself, as {@code endAction} says, or null
 * @param startedAt when it started running (R2 counts from here), or null if it never ran
 * @param endAction what {@code endAt} does: close or stop
 */
public record Lifecycle(ExperimentStatus status, Instant startAt, Instant endAt, Instant startedAt,
                        EndAction endAction) {

    public Lifecycle {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(endAction, "endAction");
        if (status == ExperimentStatus.SCHEDULED && startAt == null) {
            throw new IllegalArgumentException("a scheduled experiment needs a startAt");
        }
        if (status.isBeforeStart() && startedAt != null) {
            throw new IllegalArgumentException("a " + status + " experiment has not started, so it has no startedAt");
        }
        if (status.isServed() && startedAt == null) {
            throw new IllegalArgumentException("a " + status + " experiment has started, so it needs a startedAt");
        }
        if (startAt != null && endAt != null && !endAt.isAfter(startAt)) {
            throw new IllegalArgumentException("endAt (" + endAt + ") must come after startAt (" + startAt + ")");
        }
    }

    /** Running since {@code startedAt}, without a schedule: how experiments ran before lifecycles. */
    public static Lifecycle runningSince(Instant startedAt) {
        return new Lifecycle(ExperimentStatus.RUNNING, null, null, Objects.requireNonNull(startedAt, "startedAt"),
                EndAction.STOP);
    }

    public Lifecycle withStatus(ExperimentStatus newStatus) {
        return new Lifecycle(newStatus, startAt, endAt, startedAt, endAction);
    }

    public Lifecycle withStart(Instant newStartAt) {
        return new Lifecycle(status, newStartAt, endAt, startedAt, endAction);
    }

    public Lifecycle withEnd(Instant newEndAt, EndAction newEndAction) {
        return new Lifecycle(status, startAt, newEndAt, startedAt, newEndAction);
    }

    /** Running from {@code now}, with the start it was planned for if any. */
    public Lifecycle startedAt(Instant now, Instant plannedStart) {
        return new Lifecycle(ExperimentStatus.RUNNING, plannedStart, endAt, now, endAction);
    }

    /** Whether its start is due at {@code now}. */
    boolean startIsDue(Instant now) {
        return status == ExperimentStatus.SCHEDULED && !startAt.isAfter(now);
    }

    /** Whether its end is due at {@code now} and would change it. */
    boolean endIsDue(Instant now) {
        if (endAt == null || endAt.isAfter(now) || !status.isServed()) {
            return false;
        }
        return endAction == EndAction.STOP || status == ExperimentStatus.RUNNING;
    }
}
