package dev.abkit.core.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * Who makes a request: a personal token's id, name and role, or the bootstrap admin of
 * {@code AB_ADMIN_TOKEN}, which has no id. The use cases that change things take it, so that they
 * can check a permission and, with the audit trail, name the actor.
 */
public record Principal(Optional<TokenId> tokenId, TokenName name, Role role) {

    /** The name of the bootstrap admin, {@code AB_ADMIN_TOKEN}'s holder. */
    public static final TokenName BOOTSTRAP_NAME = TokenName.of("bootstrap");
    /** The name the audit trail gives the schedules' starts and ends ({@code Actor.SCHEDULER}). */
    public static final String SCHEDULER_NAME = "scheduler";

    public Principal {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
    }

    public static Principal bootstrap() {
        return new Principal(Optional.empty(), BOOTSTRAP_NAME, Role.ADMIN);
    }

    /**
     * A JVM service that embeds abkit and changes experiments itself: an admin without a token, named
     * {@code name} in the audit trail so that its changes can be told from a person's.
     */
    public static Principal service(String name) {
        if (isReserved(name)) {
            throw new IllegalArgumentException("\"" + name + "\" is reserved for abkit's own actors; name the service");
        }
        return new Principal(Optional.empty(), TokenName.of(name), Role.ADMIN);
    }

    /** Whether {@code name} is one of abkit's own actors, which no token or service may take. */
    public static boolean isReserved(String name) {
        return BOOTSTRAP_NAME.value().equals(name) || SCHEDULER_NAME.equals(name);
    }

    public static Principal of(PersonalToken token) {
        return new Principal(Optional.of(token.id()), token.name(), token.role());
    }

    public boolean may(Permission permission) {
        return role.may(permission);
    }

    /** @throws PermissionDeniedException unless this principal's role holds {@code permission} */
    public void require(Permission permission) {
        if (!may(permission)) {
            throw new PermissionDeniedException(this, permission);
        }
    }
}
