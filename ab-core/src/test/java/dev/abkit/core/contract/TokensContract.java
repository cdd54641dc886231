package dev.abkit.core.contract;

import dev.abkit.core.auth.PersonalToken;
import dev.abkit.core.auth.Role;
import dev.abkit.core.auth.TokenDigest;
import dev.abkit.core.auth.TokenId;
import dev.abkit.core.auth.TokenName;
import dev.abkit.core.port.out.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static dev.abkit.core.audit.TestAudit.audited;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link Tokens} store must do: the in-memory store is the reference, and each adapter module extends
 * this class once per database with {@link #freshTokens()}. Instants are whole microseconds, what a database keeps.
 */
public abstract class TokensContract {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00.123456Z");

    private Tokens tokens;

    /** An empty store of the adapter under test. */
    protected abstract Tokens freshTokens();

    /** A second store on the same data as the last {@link #freshTokens()}, as another instance sees it. */
    protected abstract Tokens sameStoreElsewhere();

    @BeforeEach
    void openStore() {
        tokens = freshTokens();
    }

    private static PersonalToken token(String name, Role role, Instant created, Optional<Instant> expires, String secret) {
        return new PersonalToken(new TokenId(UUID.randomUUID()), TokenName.of(name), role, created, expires,
                Optional.empty(), Optional.empty(), TokenDigest.of(secret));
    }

    @Test
    void a_token_is_found_by_its_digest_with_everything_it_was_given() {
        PersonalToken alice = token("Ana María 😀", Role.EDITOR, NOW, Optional.of(NOW.plus(Duration.ofDays(90))), "alice");
        audited(tokens).add(alice);
        audited(tokens).add(token("bob", Role.QA, NOW, Optional.empty(), "bob"));

        assertThat(tokens.findByDigest(TokenDigest.of("alice"))).contains(alice);
        assertThat(tokens.findByDigest(TokenDigest.of("nobody"))).isEmpty();
    }

    @Test
    void the_list_holds_every_token_oldest_first() {
        PersonalToken later = token("later", Role.ANALYST, NOW.plusSeconds(1), Optional.empty(), "later");
        PersonalToken first = token("first", Role.ADMIN, NOW, Optional.empty(), "first");
        audited(tokens).add(later);
        audited(tokens).add(first);
        assertThat(tokens.all()).containsExactly(first, later);
    }

    @Test
    void revoking_keeps_the_first_revocation_and_unknown_ids_find_nothing() {
        PersonalToken alice = token("alice", Role.EDITOR, NOW, Optional.empty(), "alice");
        audited(tokens).add(alice);

        Optional<PersonalToken> revoked = audited(tokens).revoke(alice.id(), NOW.plusSeconds(5));
        assertThat(revoked.flatMap(PersonalToken::revokedAt)).contains(NOW.plusSeconds(5));
        assertThat(audited(tokens).revoke(alice.id(), NOW.plusSeconds(9)).flatMap(PersonalToken::revokedAt)).contains(NOW.plusSeconds(5));
        assertThat(tokens.findByDigest(alice.digest()).flatMap(PersonalToken::revokedAt)).contains(NOW.plusSeconds(5));
        assertThat(audited(tokens).revoke(new TokenId(UUID.randomUUID()), NOW)).isEmpty();
    }

    @Test
    void a_revocation_is_seen_at_once_by_another_store_on_the_same_data() {
        PersonalToken alice = token("alice", Role.EDITOR, NOW, Optional.empty(), "alice");
        audited(tokens).add(alice);
        Tokens elsewhere = sameStoreElsewhere();
        assertThat(elsewhere.findByDigest(alice.digest()).map(PersonalToken::revoked)).contains(false);

        audited(tokens).revoke(alice.id(), NOW.plusSeconds(1));

        assertThat(elsewhere.findByDigest(alice.digest()).map(PersonalToken::revoked)).contains(true);
    }

    @Test
    void a_use_is_recorded_unless_one_at_or_after_the_bound_is_there() {
        PersonalToken alice = token("alice", Role.EDITOR, NOW, Optional.empty(), "alice");
        audited(tokens).add(alice);

        tokens.markUsed(alice.id(), NOW.plusSeconds(10), NOW.minusSeconds(50));
        assertThat(lastUse(alice)).contains(NOW.plusSeconds(10));

        tokens.markUsed(alice.id(), NOW.plusSeconds(20), NOW.plusSeconds(10)); // one at the bound: kept
        assertThat(lastUse(alice)).contains(NOW.plusSeconds(10));

        tokens.markUsed(alice.id(), NOW.plusSeconds(80), NOW.plusSeconds(20)); // older than the bound: replaced
        assertThat(lastUse(alice)).contains(NOW.plusSeconds(80));
        assertThat(tokens.findByDigest(alice.digest()).map(PersonalToken::revoked)).contains(false);
    }

    private Optional<Instant> lastUse(PersonalToken token) {
        return tokens.findByDigest(token.digest()).flatMap(PersonalToken::lastUsedAt);
    }
}
