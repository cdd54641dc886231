package dev.abkit.core.port.in;

import dev.abkit.core.auth.Principal;
import dev.abkit.core.auth.Role;
import dev.abkit.core.auth.TokenName;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A personal token to create: for whom, with which role, and for how long ({@code expiresIn}, an
 * ISO-8601 duration of at least {@code PT1S} and at most 100 years; empty: it never expires).
 */
public record NewToken(TokenName name, Role role, Optional<Duration> expiresIn) {

    public static final Duration SHORTEST = Duration.ofSeconds(1);
    /** Far enough for "never, but written down", near enough that the expiry instant cannot overflow. */
    public static final Duration LONGEST = Duration.ofDays(36_525);

    public NewToken {
        requireNotReserved(name);
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(expiresIn, "expiresIn");
        expiresIn.ifPresent(NewToken::checkLifetime);
    }

    /**
     * A person's token may not take the name of the bootstrap admin or of the schedules, which the audit trail
     * shows as actors of their own: an entry by "bootstrap" must be {@code AB_ADMIN_TOKEN}'s holder.
     *
     * @return {@code name}, if it is not reserved
     */
    public static TokenName requireNotReserved(TokenName name) {
        Objects.requireNonNull(name, "name");
        if (Principal.isReserved(name.value())) {
            throw new IllegalArgumentException("\"" + name.value() + "\" is reserved: the audit trail names "
                    + (name.equals(Principal.BOOTSTRAP_NAME) ? "the bootstrap admin (AB_ADMIN_TOKEN)" : "the schedules")
                    + " so; choose another name");
        }
        return name;
    }

    private static void checkLifetime(Duration lifetime) {
        if (lifetime.compareTo(SHORTEST) < 0) {
            throw new IllegalArgumentException("must be at least PT1S (got " + lifetime + ")");
        }
        if (lifetime.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("must be at most P36525D, about 100 years; leave it out for a token"
                    + " that never expires (got " + lifetime + ")");
        }
    }
}
