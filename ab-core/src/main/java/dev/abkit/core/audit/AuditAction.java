package dev.abkit.core.audit;

import dev.abkit.core.model.ExperimentStatus;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What an audit entry records, with the names the API writes (issue 15). */
public enum AuditAction {

    EXPERIMENT_CREATED("experiment.created", Subject.EXPERIMENT),
    EXPERIMENT_UPDATED("experiment.updated", Subject.EXPERIMENT),
    EXPERIMENT_SCHEDULED("experiment.scheduled", Subject.EXPERIMENT),
    EXPERIMENT_STARTED("experiment.started", Subject.EXPERIMENT),
    EXPERIMENT_CLOSED("experiment.closed", Subject.EXPERIMENT),
    EXPERIMENT_STOPPED("experiment.stopped", Subject.EXPERIMENT),
    OVERRIDE_SET("override.set", Subject.OVERRIDE),
    OVERRIDE_REMOVED("override.removed", Subject.OVERRIDE),
    TOKEN_CREATED("token.created", Subject.TOKEN),
    TOKEN_REVOKED("token.revoked", Subject.TOKEN);

    /** What the entry's {@code before} and {@code after} are snapshots of. */
    public enum Subject { EXPERIMENT, OVERRIDE, TOKEN }

    private final String wireName;
    private final Subject subject;

    AuditAction(String wireName, Subject subject) {
        this.wireName = wireName;
        this.subject = subject;
    }

    public String wireName() {
        return wireName;
    }

    public Subject subject() {
        return subject;
    }

    /** Experiments' and overrides' entries name their experiment; tokens' name none. */
    public boolean namesAnExperiment() {
        return subject != Subject.TOKEN;
    }

    /** Whether the entry shows the thing as it was: never for a creation, always for a change of a thing that was. */
    public Presence before() {
        return switch (this) {
            case EXPERIMENT_CREATED, TOKEN_CREATED -> Presence.NEVER;
            case OVERRIDE_SET -> Presence.IF_THERE_WAS_ONE;
            default -> Presence.ALWAYS;
        };
    }

    /** Whether an entry shows a {@code before}: an override set on a device that had none has none. */
    public enum Presence { NEVER, IF_THERE_WAS_ONE, ALWAYS }

    /** Whether the entry shows the thing as it is now: everything but a removal. */
    public boolean hasAfter() {
        return this != OVERRIDE_REMOVED;
    }

    /** The action of a change that brought an experiment to {@code status}: what a due start or end records. */
    public static AuditAction reaching(ExperimentStatus status) {
        return switch (status) {
            case RUNNING -> EXPERIMENT_STARTED;
            case CLOSED -> EXPERIMENT_CLOSED;
            case STOPPED -> EXPERIMENT_STOPPED;
            case DRAFT, SCHEDULED -> throw new IllegalArgumentException("no schedule brings an experiment to " + status);
        };
    }

    public static AuditAction of(String wireName) {
        for (AuditAction action : values()) {
            if (action.wireName.equals(wireName)) {
                return action;
            }
        }
        throw new IllegalArgumentException("must be one of " + Arrays.stream(values()).map(AuditAction::wireName)
                .collect(Collectors.joining(", ")) + " (got " + (wireName == null ? "nothing" : "\"" + wireName + "\"") + ")");
    }
}
