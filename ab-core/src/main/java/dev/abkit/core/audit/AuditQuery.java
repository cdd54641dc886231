package dev.abkit.core.audit;

import dev.abkit.core.model.ExperimentKey;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which entries to read: of one experiment or all, changed in {@code [from, to)} (either end open), after
 * the position {@code after} (0: from the first), at most {@code limit} of them, in the trail's order;
 * the tokens' entries only if {@code tokens} (they name no experiment, and only token managers may see them).
 */
public record AuditQuery(Optional<ExperimentKey> experiment, Optional<Instant> from, Optional<Instant> to,
                         long after, int limit, boolean tokens) {

    public static final int MAX_LIMIT = 1_000;
    public static final int DEFAULT_LIMIT = 100;

    public AuditQuery {
        Objects.requireNonNull(experiment, "experiment");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isPresent() && to.isPresent() && !to.get().isAfter(from.get())) {
            throw new IllegalArgumentException("to must be after from");
        }
        if (after < 0) {
            throw new IllegalArgumentException("after is a position in the trail, 0 or more (got " + after + ")");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + " (got " + limit + ")");
        }
    }

    /** The whole trail, first page. */
    public static AuditQuery all() {
        return new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), 0, DEFAULT_LIMIT, true);
    }

    /** One experiment's entries, first page. */
    public static AuditQuery of(ExperimentKey experiment) {
        return new AuditQuery(Optional.of(experiment), Optional.empty(), Optional.empty(), 0, DEFAULT_LIMIT, true);
    }

    public AuditQuery after(long position) {
        return new AuditQuery(experiment, from, to, position, limit, tokens);
    }

    public AuditQuery limit(int newLimit) {
        return new AuditQuery(experiment, from, to, after, newLimit, tokens);
    }

    /** The same query without the tokens' entries. */
    public AuditQuery withoutTokens() {
        return new AuditQuery(experiment, from, to, after, limit, false);
    }

    /** Whether {@code entry} is one this query asks for, the position aside. */
    public boolean matches(AuditEntry entry) {
        return (tokens || entry.experiment().isPresent())
                && experiment.map(key -> entry.experiment().equals(Optional.of(key))).orElse(true)
                && from.map(start -> !entry.at().isBefore(start)).orElse(true)
                && to.map(end -> entry.at().isBefore(end)).orElse(true);
    }
}
