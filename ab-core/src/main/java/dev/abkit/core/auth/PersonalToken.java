package dev.abkit.core.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A personal token as stored: who holds it, with which role, from when until when, when it was last
 * used (to the minute, decision 16) and whether it was revoked; its secret only as a digest.
 */
public record PersonalToken(TokenId id, TokenName name, Role role, Instant createdAt, Optional<Instant> expiresAt,
                            Optional<Instant> lastUsedAt, Optional<Instant> revokedAt, TokenDigest digest) {

    public PersonalToken {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        Objects.requireNonNull(revokedAt, "revokedAt");
        Objects.requireNonNull(digest, "digest");
        if (expiresAt.isPresent() && !expiresAt.get().isAfter(createdAt)) {
            throw new IllegalArgumentException("a token must expire after it was created");
        }
    }

    /** Expired at {@code now}: the instant of expiry itself is past the token's life. */
    public boolean expiredAt(Instant now) {
        return expiresAt.isPresent() && !now.isBefore(expiresAt.get());
    }

    public boolean revoked() {
        return revokedAt.isPresent();
    }

    /** This token revoked at {@code at}. */
    public PersonalToken revokedFrom(Instant at) {
        return new PersonalToken(id, name, role, createdAt, expiresAt, lastUsedAt, Optional.of(at), digest);
    }

    /** This token with its last use recorded at {@code at}. */
    public PersonalToken usedAt(Instant at) {
        return new PersonalToken(id, name, role, createdAt, expiresAt, Optional.of(at), revokedAt, digest);
    }
}
