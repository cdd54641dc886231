package dev.abkit.core.service;

import dev.abkit.core.error.IllegalTransitionException;
import dev.abkit.core.error.InvalidScheduleException;
import dev.abkit.core.model.EditableField;
import dev.abkit.core.model.EndAction;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.ExperimentStatus;
import dev.abkit.core.model.Lifecycle;
import dev.abkit.core.model.Transition;
import dev.abkit.core.port.in.ExperimentChanges;
import dev.abkit.core.port.in.NewExperiment;

import java.time.Instant;

/**
 * What an admin call makes of an experiment, or why it refuses: the transitions of
 * {@link Transition}, what an edit may change in each status, and that instants of a schedule lie
 * in the future, ends after starts.
 */
final class LifecycleRules {

    private LifecycleRules() {
    }

    /** The lifecycle of a new experiment created at {@code now}. */
    static Lifecycle ofNew(NewExperiment request, Instant now) {
        ExperimentStatus status = request.draft() ? ExperimentStatus.DRAFT
                : request.startAt() != null ? ExperimentStatus.SCHEDULED : ExperimentStatus.RUNNING;
        Instant startedAt = status == ExperimentStatus.RUNNING ? now : null;
        if (request.startAt() != null) {
            requireFuture(request.key(), "startAt", request.startAt(), now);
        }
        if (request.endAt() != null) {
            requireFuture(request.key(), "endAt", request.endAt(), now);
            requireEndAfterStart(request.key(), request.startAt(), request.endAt());
        }
        return new Lifecycle(status, request.startAt(), request.endAt(), startedAt, request.endAction());
    }

    static Experiment started(Experiment experiment, Instant now) {
        if (done(experiment, Transition.START)) {
            return experiment;
        }
        Instant endAt = experiment.lifecycle().endAt();
        if (endAt != null && !endAt.isAfter(now)) {
            throw new InvalidScheduleException(experiment.key(), "endAt", "endAt " + endAt
                    + " has passed; change or remove it (PATCH) before starting the experiment");
        }
        // A start by hand drops the planned start: it did not happen then.
        return experiment.withLifecycle(experiment.lifecycle().startedAt(now, null));
    }

    static Experiment closed(Experiment experiment) {
        return done(experiment, Transition.CLOSE) ? experiment
                : experiment.withLifecycle(experiment.lifecycle().withStatus(ExperimentStatus.CLOSED));
    }

    static Experiment stopped(Experiment experiment) {
        return done(experiment, Transition.STOP) ? experiment : experiment.stopped();
    }

    /** @param startAt null keeps the one it has; @param endAt null keeps the one it has */
    static Experiment scheduled(Experiment experiment, Instant startAt, Instant endAt, Instant now) {
        done(experiment, Transition.SCHEDULE);
        Lifecycle lifecycle = experiment.lifecycle();
        Instant start = startAt != null ? startAt : lifecycle.startAt();
        Instant end = endAt != null ? endAt : lifecycle.endAt();
        if (start == null) {
            throw new InvalidScheduleException(experiment.key(), "startAt", "startAt is required to schedule an experiment");
        }
        requireFuture(experiment.key(), "startAt", start, now);
        if (end != null) {
            requireFuture(experiment.key(), "endAt", end, now);
            requireEndAfterStart(experiment.key(), start, end);
        }
        return experiment.withLifecycle(
                new Lifecycle(ExperimentStatus.SCHEDULED, start, end, null, lifecycle.endAction()));
    }

    /**
     * What {@link EditableField} lets change in the experiment's status: a draft everything, a scheduled or running
     * experiment only a new end and coverage (R7: from the next block boundary on), a closed one only a new end
     * (options, weights and audience never change once devices may see it); a stopped one nothing.
     */
    static Experiment edited(Experiment experiment, ExperimentChanges changes, Instant now) {
        ExperimentStatus status = experiment.status();
        if (EditableField.in(status).isEmpty()) {
            throw refusal(experiment, "a stopped experiment is final; nothing about it changes");
        }
        for (EditableField field : changes.fields()) {
            if (!field.changesIn(status)) {
                throw refusal(experiment, whyNot(field, status));
            }
        }
        Experiment edited = experiment;
        if (changes.coverage().isPresent()) {
            edited = edited.withCoverage(changes.coverage().get());
        }
        if (changes.options().isPresent()) {
            edited = edited.withOptions(changes.options().get());
        }
        if (changes.audience().isPresent()) {
            edited = edited.withAudience(changes.audience().get());
        }
        Lifecycle lifecycle = edited.lifecycle();
        Instant start = changes.startAt().isPresent() ? changes.startAt().get().orElse(null) : lifecycle.startAt();
        Instant end = changes.endAt().isPresent() ? changes.endAt().get().orElse(null) : lifecycle.endAt();
        EndAction endAction = changes.endAction().orElse(lifecycle.endAction());
        if (changes.startAt().isPresent() && start != null) {
            requireFuture(experiment.key(), "startAt", start, now);
        }
        if (end != null && (changes.endAt().isPresent() || changes.startAt().isPresent())) {
            requireFuture(experiment.key(), "endAt", end, now);
            requireEndAfterStart(experiment.key(), status.isBeforeStart() ? start : null, end);
        }
        return edited.withLifecycle(new Lifecycle(status, start, end, lifecycle.startedAt(), endAction));
    }

    /** Why {@code field} does not change in {@code status}, which the table of {@link EditableField} says it does not. */
    private static String whyNot(EditableField field, ExperimentStatus status) {
        return switch (field) {
            case OPTIONS -> "options and weights change only while it is a DRAFT"
                    + " (devices would move, R1); create a new experiment instead";
            case AUDIENCE -> "the audience changes only while it is a DRAFT"
                    + " (eligibility is decided at a device's first request, R2); create a new experiment instead";
            case START_AT -> "startAt changes by PATCH only while it is a DRAFT;"
                    + " move a scheduled start with POST .../schedule";
            case COVERAGE -> "coverage changes while it is a DRAFT, SCHEDULED or RUNNING;"
                    + " a " + status + " experiment enrols no new device";
            case END -> "its end changes until it is stopped";
        };
    }

    /**
     * Whether {@code experiment} is already where {@code transition} leads (nothing to do).
     *
     * @throws IllegalTransitionException if the transition does not start from its status
     */
    private static boolean done(Experiment experiment, Transition transition) {
        if (transition.isDoneAt(experiment.status())) {
            return true;
        }
        if (!transition.movesFrom(experiment.status())) {
            throw refusal(experiment, transition.call() + " is allowed only from "
                    + String.join(", ", transition.from().stream().map(Enum::name).toList()));
        }
        return false;
    }

    private static IllegalTransitionException refusal(Experiment experiment, String why) {
        return new IllegalTransitionException(experiment.key(), experiment.status(), why);
    }

    private static void requireFuture(ExperimentKey key, String field, Instant instant, Instant now) {
        if (!instant.isAfter(now)) {
            throw new InvalidScheduleException(key, field,
                    field + " " + instant + " is not in the future (the server's time is " + now + ")");
        }
    }

    private static void requireEndAfterStart(ExperimentKey key, Instant start, Instant end) {
        if (start != null && !end.isAfter(start)) {
            throw new InvalidScheduleException(key, "endAt",
                    "endAt " + end + " must come after startAt " + start);
        }
    }
}
