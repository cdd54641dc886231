package dev.abkit.core.port.out;

import dev.abkit.core.audit.AuditEntry;
import dev.abkit.core.auth.PersonalToken;
import dev.abkit.core.auth.TokenDigest;
import dev.abkit.core.auth.TokenId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where personal tokens are kept (issue 15). Every instance reads the same store on every admin
 * request, so a revocation or an expiry holds everywhere at once; TokensContract is the rule. A creation
 * and a revocation come with their audit entry, kept in the same transaction (decision 19).
 */
public interface Tokens {

    /** Keeps a new token; its id and digest are new (random), so no conflict is expected. */
    void add(PersonalToken token, AuditEntry entry);

    Optional<PersonalToken> find(TokenId id);

    /** The token whose secret has this digest, revoked and expired ones too. */
    Optional<PersonalToken> findByDigest(TokenDigest digest);

    /** Every token, oldest first (ties by id). */
    List<PersonalToken> all();

    /**
     * Revokes the token at {@code at} unless it was revoked before, which keeps its first revocation.
     * @param entry kept only if this call revoked it
     * @return the token as it stands after the call; empty if there is no such token
     */
    Optional<PersonalToken> revoke(TokenId id, Instant at, AuditEntry entry);

    /**
     * Records that the token was used at {@code at}, unless a use at or after {@code notBefore} is already
     * recorded: several instances may report the same minute, and the latest report must never go back.
     */
    void markUsed(TokenId id, Instant at, Instant notBefore);
}
