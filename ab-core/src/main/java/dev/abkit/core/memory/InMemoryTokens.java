package dev.abkit.core.memory;

import dev.abkit.core.audit.AuditEntry;
import dev.abkit.core.auth.PersonalToken;
import dev.abkit.core.auth.TokenDigest;
import dev.abkit.core.auth.TokenId;
import dev.abkit.core.port.out.Tokens;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Personal tokens in a map: thread-safe, each change one atomic step on one token; a creation or a
 * revocation appends its audit entry within that step (a reader of the trail may see the entry a moment
 * before the token changes, never the change without it).
 */
public final class InMemoryTokens implements Tokens {

    private final ConcurrentMap<TokenId, PersonalToken> byId = new ConcurrentHashMap<>();
    private final InMemoryAuditLog audit;

    /** A store whose audit entries go to a trail of its own ({@link #auditLog()}). */
    public InMemoryTokens() {
        this(new InMemoryAuditLog());
    }

    /** @param audit the trail its changes are recorded in, shared with the other in-memory stores of one kit */
    public InMemoryTokens(InMemoryAuditLog audit) {
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    public InMemoryAuditLog auditLog() {
        return audit;
    }

    @Override
    public void add(PersonalToken token, AuditEntry entry) {
        Objects.requireNonNull(entry, "entry");
        byId.compute(token.id(), (id, kept) -> {
            if (kept != null) {
                throw new IllegalStateException("a token with the id " + token.id() + " exists already");
            }
            audit.append(entry);
            return token;
        });
    }

    @Override
    public Optional<PersonalToken> find(TokenId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public Optional<PersonalToken> findByDigest(TokenDigest digest) {
        return byId.values().stream().filter(token -> token.digest().equals(digest)).findFirst();
    }

    @Override
    public List<PersonalToken> all() {
        return byId.values().stream()
                .sorted(Comparator.comparing(PersonalToken::createdAt).thenComparing(token -> token.id().toString()))
                .toList();
    }

    @Override
    public Optional<PersonalToken> revoke(TokenId id, Instant at, AuditEntry entry) {
        Objects.requireNonNull(entry, "entry");
        return Optional.ofNullable(byId.computeIfPresent(id, (key, token) -> {
            if (token.revoked()) {
                return token;
            }
            audit.append(entry);
            return token.revokedFrom(at);
        }));
    }

    @Override
    public void markUsed(TokenId id, Instant at, Instant notBefore) {
        byId.computeIfPresent(id, (key, token) -> token.lastUsedAt().filter(used -> !used.isBefore(notBefore)).isPresent()
                ? token
                : token.usedAt(at));
    }
}
