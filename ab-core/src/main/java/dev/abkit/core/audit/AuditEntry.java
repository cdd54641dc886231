package dev.abkit.core.audit;

import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One change in the audit trail: when, by whom, what, of which experiment, and the thing before and after
 * ({@link Snapshots}). Consistent by construction: an experiment's or override's entry names its
 * experiment and a token's names none; a creation has no {@code before}, an override set on a device that
 * had none neither, a removal has no {@code after}, and every other change has both.
 */
public record AuditEntry(Instant at, Actor actor, AuditAction action, Optional<ExperimentKey> experiment,
                         Optional<Snapshot> before, Optional<Snapshot> after) {

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(experiment, "experiment");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        if (experiment.isPresent() != action.namesAnExperiment()) {
            throw new IllegalArgumentException(action.wireName()
                    + (action.namesAnExperiment() ? " names its experiment" : " names no experiment"));
        }
        AuditAction.Presence wasBefore = action.before();
        if (before.isPresent() ? wasBefore == AuditAction.Presence.NEVER : wasBefore == AuditAction.Presence.ALWAYS) {
            throw new IllegalArgumentException(action.wireName() + (before.isPresent() ? " has no before" : " needs a before"));
        }
        if (after.isPresent() != action.hasAfter()) {
            throw new IllegalArgumentException(action.wireName() + (action.hasAfter() ? " needs an after" : " has no after"));
        }
    }

    /** An experiment's change; {@code before} is empty for a creation. */
    public static AuditEntry ofExperiment(Instant at, Actor actor, AuditAction action,
                                          Optional<Experiment> before, Experiment after) {
        return new AuditEntry(at, actor, action, Optional.of(after.key()), before.map(Snapshots::of),
                Optional.of(Snapshots.of(after)));
    }
}
