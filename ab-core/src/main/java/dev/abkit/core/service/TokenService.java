package dev.abkit.core.service;

import dev.abkit.core.audit.Actor;
import dev.abkit.core.audit.AuditAction;
import dev.abkit.core.audit.AuditEntry;
import dev.abkit.core.audit.Snapshots;
import dev.abkit.core.auth.AdminToken;
import dev.abkit.core.auth.Authentication;
import dev.abkit.core.auth.Authentication.Authenticated;
import dev.abkit.core.auth.Authentication.Reason;
import dev.abkit.core.auth.Authentication.Refused;
import dev.abkit.core.auth.Permission;
import dev.abkit.core.auth.PersonalToken;
import dev.abkit.core.auth.Principal;
import dev.abkit.core.auth.TokenDigest;
import dev.abkit.core.auth.TokenId;
import dev.abkit.core.auth.TokenSecret;
import dev.abkit.core.error.UnknownTokenException;
import dev.abkit.core.port.in.AuthenticateToken;
import dev.abkit.core.port.in.CreatedToken;
import dev.abkit.core.port.in.ManageTokens;
import dev.abkit.core.port.in.NewToken;
import dev.abkit.core.port.out.Tokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Personal tokens and the bootstrap admin token (issue 15, decision 16). No cache: every
 * authentication is one indexed lookup of the secret's digest, so a revocation or an expiry holds on
 * every instance from the next request. The last use is written at most once a minute per token and
 * instance, from what that lookup read, so a busy token costs no write per request.
 */
public final class TokenService implements ManageTokens, AuthenticateToken {

    /** How stale a token's recorded last use may be: the list shows it to the minute. */
    static final Duration LAST_USE_RESOLUTION = Duration.ofMinutes(1);

    private final Tokens tokens;
    private final AdminToken bootstrap;
    private final Clock clock;
    private final RandomGenerator random;

    /** @param random a cryptographically strong generator (SecureRandom): it makes the secrets */
    public TokenService(Tokens tokens, AdminToken bootstrap, Clock clock, RandomGenerator random) {
        this.tokens = tokens;
        this.bootstrap = bootstrap;
        this.clock = clock;
        this.random = random;
    }

    @Override
    public CreatedToken create(Principal actor, NewToken request) {
        actor.require(Permission.MANAGE_TOKENS);
        String secret = TokenSecret.generate(random);
        Instant now = clock.instant();
        PersonalToken token = new PersonalToken(new TokenId(new UUID(random.nextLong(), random.nextLong())),
                request.name(), request.role(), now, request.expiresIn().map(now::plus),
                Optional.empty(), Optional.empty(), TokenDigest.of(secret));
        tokens.add(token, new AuditEntry(now, Actor.of(actor), AuditAction.TOKEN_CREATED, Optional.empty(),
                Optional.empty(), Optional.of(Snapshots.of(token))));
        return new CreatedToken(token, secret);
    }

    @Override
    public List<PersonalToken> list(Principal actor) {
        actor.require(Permission.MANAGE_TOKENS);
        return tokens.all();
    }

    @Override
    public PersonalToken revoke(Principal actor, TokenId id) {
        actor.require(Permission.MANAGE_TOKENS);
        PersonalToken token = tokens.find(id).orElseThrow(() -> new UnknownTokenException(id.toString()));
        if (token.revoked()) {
            return token; // no change, so nothing to record
        }
        Instant now = clock.instant();
        PersonalToken revoked = token.revokedFrom(now);
        AuditEntry entry = new AuditEntry(now, Actor.of(actor), AuditAction.TOKEN_REVOKED, Optional.empty(),
                Optional.of(Snapshots.of(token)), Optional.of(Snapshots.of(revoked)));
        return tokens.revoke(id, now, entry).orElseThrow(() -> new UnknownTokenException(id.toString()));
    }

    @Override
    public Authentication authenticate(String presented) {
        if (presented == null || presented.isEmpty()) {
            return new Refused(Reason.MISSING);
        }
        if (bootstrap.matches(presented)) {
            return new Authenticated(Principal.bootstrap());
        }
        if (!TokenSecret.looksLikeOne(presented)) {
            return new Refused(Reason.UNKNOWN);
        }
        TokenDigest digest = TokenDigest.of(presented);
        // The store finds the row by the digest; comparing again in constant time keeps the rule in one place
        // whatever the store's lookup does (a digest of 256 random bits gives a timing attack nothing to learn).
        Optional<PersonalToken> found = tokens.findByDigest(digest).filter(token -> token.digest().matches(digest));
        if (found.isEmpty()) {
            return new Refused(Reason.UNKNOWN);
        }
        PersonalToken token = found.get();
        Instant now = clock.instant();
        if (token.revoked()) {
            return new Refused(Reason.REVOKED);
        }
        if (token.expiredAt(now)) {
            return new Refused(Reason.EXPIRED);
        }
        Instant notBefore = now.minus(LAST_USE_RESOLUTION);
        if (token.lastUsedAt().map(used -> used.isBefore(notBefore)).orElse(true)) {
            tokens.markUsed(token.id(), now, notBefore);
        }
        return new Authenticated(Principal.of(token), token.expiresAt());
    }
}
