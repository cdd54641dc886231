package dev.abkit.core.audit;

import dev.abkit.core.auth.Principal;

import java.util.Objects;

/**
 * Who made a change, as the audit trail names it: a token's name and role ({@code admin}, {@code editor},
 * {@code qa}, {@code analyst}), or {@link #SCHEDULER} for a start or an end that came due, so that an
 * auditor can tell a planned change from a person's.
 */
public record Actor(String name, String role) {

    /** The schedules' actor: nobody pressed a button; the start or end was planned by whoever scheduled it. */
    public static final Actor SCHEDULER = new Actor(Principal.SCHEDULER_NAME, "system");

    public Actor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        if (name.isBlank() || role.isBlank()) {
            throw new IllegalArgumentException("an actor has a name and a role");
        }
    }

    public static Actor of(Principal principal) {
        return new Actor(principal.name().value(), principal.role().wireName());
    }
}
