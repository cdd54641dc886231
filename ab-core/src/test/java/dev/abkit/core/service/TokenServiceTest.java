package dev.abkit.core.service;

import dev.abkit.core.auth.AdminToken;
import dev.abkit.core.auth.Authentication;
import dev.abkit.core.auth.Authentication.Authenticated;
import dev.abkit.core.auth.Authentication.Reason;
import dev.abkit.core.auth.Authentication.Refused;
import dev.abkit.core.auth.PermissionDeniedException;
import dev.abkit.core.auth.PersonalToken;
import dev.abkit.core.auth.Principal;
import dev.abkit.core.auth.Role;
import dev.abkit.core.auth.TokenDigest;
import dev.abkit.core.auth.TokenId;
import dev.abkit.core.auth.TokenName;
import dev.abkit.core.error.UnknownTokenException;
import dev.abkit.core.memory.InMemoryTokens;
import dev.abkit.core.port.in.CreatedToken;
import dev.abkit.core.port.in.NewToken;
import dev.abkit.core.testing.TickingClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenServiceTest {

    private static final Instant START = Instant.parse("2026-06-01T12:00:00Z");
    private static final Principal BOOTSTRAP = Principal.bootstrap();

    private final TickingClock clock = new TickingClock(START);
    private final InMemoryTokens store = new InMemoryTokens();
    private final TokenService tokens = new TokenService(store, AdminToken.of("bootstrap-secret"), clock, new SecureRandom());

    private CreatedToken create(String name, Role role, Duration expiresIn) {
        return tokens.create(BOOTSTRAP, new NewToken(TokenName.of(name), role, Optional.ofNullable(expiresIn)));
    }

    @Test
    void the_bootstrap_token_is_the_admin_named_bootstrap() {
        assertThat(tokens.authenticate("bootstrap-secret")).isEqualTo(new Authenticated(
                new Principal(Optional.empty(), TokenName.of("bootstrap"), Role.ADMIN)));
    }

    @Test
    void a_created_token_authenticates_as_its_holder_and_only_its_digest_is_stored() {
        CreatedToken alice = create("alice", Role.EDITOR, Duration.ofDays(90));

        assertThat(alice.token().createdAt()).isEqualTo(START);
        assertThat(alice.token().expiresAt()).contains(START.plus(Duration.ofDays(90)));
        assertThat(store.all()).containsExactly(alice.token());
        assertThat(store.all().get(0).digest()).isEqualTo(TokenDigest.of(alice.secret()));
        assertThat(alice.toString()).doesNotContain(alice.secret());
        assertThat(tokens.authenticate(alice.secret())).isEqualTo(new Authenticated(
                new Principal(Optional.of(alice.token().id()), TokenName.of("alice"), Role.EDITOR),
                Optional.of(START.plus(Duration.ofDays(90)))));
    }

    @Test
    void no_token_an_unknown_one_and_one_of_another_shape_are_refused_with_their_reason() {
        create("alice", Role.EDITOR, null);
        assertThat(tokens.authenticate(null)).isEqualTo(new Refused(Reason.MISSING));
        assertThat(tokens.authenticate("")).isEqualTo(new Refused(Reason.MISSING));
        assertThat(tokens.authenticate("abk_" + "A".repeat(43))).isEqualTo(new Refused(Reason.UNKNOWN));
        assertThat(tokens.authenticate("bootstrap-secreT")).isEqualTo(new Refused(Reason.UNKNOWN));
    }

    @Test
    void a_token_works_until_its_expiry_and_not_from_then_on() {
        CreatedToken brief = create("brief", Role.QA, Duration.ofSeconds(1));
        clock.advance(Duration.ofMillis(999));
        assertThat(tokens.authenticate(brief.secret())).isInstanceOf(Authenticated.class);
        clock.advance(Duration.ofMillis(1));
        assertThat(tokens.authenticate(brief.secret())).isEqualTo(new Refused(Reason.EXPIRED));
    }

    @Test
    void a_revoked_token_is_refused_from_the_next_request_on_and_revoking_again_changes_nothing() {
        CreatedToken alice = create("alice", Role.ANALYST, null);
        assertThat(tokens.authenticate(alice.secret())).isInstanceOf(Authenticated.class);

        clock.advance(Duration.ofSeconds(3));
        assertThat(tokens.revoke(BOOTSTRAP, alice.token().id()).revokedAt()).contains(START.plusSeconds(3));
        assertThat(tokens.authenticate(alice.secret())).isEqualTo(new Refused(Reason.REVOKED));

        clock.advance(Duration.ofSeconds(3));
        assertThat(tokens.revoke(BOOTSTRAP, alice.token().id()).revokedAt()).contains(START.plusSeconds(3));
    }

    @Test
    void revoking_an_unknown_id_is_an_unknown_token() {
        TokenId nobody = new TokenId(UUID.randomUUID());
        assertThatThrownBy(() -> tokens.revoke(BOOTSTRAP, nobody)).isInstanceOf(UnknownTokenException.class)
                .hasMessageContaining(nobody.toString());
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = "ADMIN", mode = EnumSource.Mode.EXCLUDE)
    void only_an_admin_creates_lists_or_revokes_tokens(Role role) {
        CreatedToken created = create("someone", role, null);
        Principal actor = ((Authenticated) tokens.authenticate(created.secret())).principal();
        NewToken request = new NewToken(TokenName.of("other"), Role.ADMIN, Optional.empty());

        assertThatThrownBy(() -> tokens.create(actor, request)).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> tokens.list(actor)).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> tokens.revoke(actor, created.token().id())).isInstanceOf(PermissionDeniedException.class);
        assertThat(store.all()).hasSize(1).allMatch(token -> !token.revoked());
    }

    @Test
    void a_personal_admin_may_make_tokens() {
        Principal admin = ((Authenticated) tokens.authenticate(create("root", Role.ADMIN, null).secret())).principal();
        clock.advance(Duration.ofSeconds(1)); // the list is oldest first
        tokens.create(admin, new NewToken(TokenName.of("qa-phone"), Role.QA, Optional.empty()));
        assertThat(tokens.list(admin)).extracting(PersonalToken::name).containsExactly(TokenName.of("root"), TokenName.of("qa-phone"));
    }

    @Test
    void the_last_use_is_written_at_most_once_a_minute() {
        CreatedToken alice = create("alice", Role.EDITOR, null);
        tokens.authenticate(alice.secret());
        assertThat(lastUse()).contains(START);

        clock.advance(Duration.ofSeconds(59));
        tokens.authenticate(alice.secret());
        assertThat(lastUse()).contains(START);

        clock.advance(Duration.ofSeconds(2));
        tokens.authenticate(alice.secret());
        assertThat(lastUse()).contains(START.plusSeconds(61));
    }

    @Test
    void a_refused_token_records_no_use() {
        CreatedToken alice = create("alice", Role.EDITOR, null);
        tokens.revoke(BOOTSTRAP, alice.token().id());
        Authentication refused = tokens.authenticate(alice.secret());
        assertThat(refused).isEqualTo(new Refused(Reason.REVOKED));
        assertThat(lastUse()).isEmpty();
    }

    @Test
    void an_expiry_under_a_second_or_over_a_century_is_refused() {
        assertThatThrownBy(() -> new NewToken(TokenName.of("a"), Role.QA, Optional.of(Duration.ofMillis(999))))
                .hasMessageContaining("at least PT1S");
        assertThatThrownBy(() -> new NewToken(TokenName.of("a"), Role.QA, Optional.of(Duration.ofDays(36_526))))
                .hasMessageContaining("at most P36525D");
        assertThat(new NewToken(TokenName.of("a"), Role.QA, Optional.of(Duration.ofSeconds(1))).expiresIn()).isPresent();
    }

    private Optional<Instant> lastUse() {
        return store.all().get(0).lastUsedAt();
    }
}
