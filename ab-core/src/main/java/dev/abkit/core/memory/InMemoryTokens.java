package dev.abkit.core.memory;

import dev.abkit.core.auth.PersonalToken;
import dev.abkit.core.auth.TokenDigest;
import dev.abkit.core.auth.TokenId;
import dev.abkit.core.port.out.Tokens;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Personal tokens in a map: thread-safe, each change one atomic step on one token. */
public final class InMemoryTokens implements Tokens {

    private final ConcurrentMap<TokenId, PersonalToken> byId = new ConcurrentHashMap<>();

    @Override
    public void add(PersonalToken token) {
        if (byId.putIfAbsent(token.id(), token) != null) {
            throw new IllegalStateException("a token with the id " + token.id() + " exists already");
        }
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
    public Optional<PersonalToken> revoke(TokenId id, Instant at) {
        return Optional.ofNullable(byId.computeIfPresent(id, (key, token) -> token.revoked() ? token
                : new PersonalToken(token.id(), token.name(), token.role(), token.createdAt(), token.expiresAt(),
                        token.lastUsedAt(), Optional.of(at), token.digest())));
    }

    @Override
    public void markUsed(TokenId id, Instant at, Instant notBefore) {
        byId.computeIfPresent(id, (key, token) -> token.lastUsedAt().filter(used -> !used.isBefore(notBefore)).isPresent()
                ? token
                : new PersonalToken(token.id(), token.name(), token.role(), token.createdAt(), token.expiresAt(),
                        Optional.of(at), token.revokedAt(), token.digest()));
    }
}
