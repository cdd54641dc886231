package dev.abkit.core.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenValuesTest {

    @Test
    void a_secret_is_the_prefix_and_256_random_bits_url_safe() {
        Set<String> seen = new HashSet<>();
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 1000; i++) {
            String secret = TokenSecret.generate(random);
            assertThat(secret).startsWith("abk_").hasSize(47).matches("abk_[A-Za-z0-9_-]{43}");
            assertThat(TokenSecret.looksLikeOne(secret)).isTrue();
            seen.add(secret);
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void the_secret_is_the_generators_bytes() {
        assertThat(TokenSecret.generate(new SplittableRandom(7))).isEqualTo(TokenSecret.generate(new SplittableRandom(7)))
                .isNotEqualTo(TokenSecret.generate(new SplittableRandom(8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abk_", "test-admin-token", "abk_tooshort", "xyz_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void other_strings_do_not_look_like_a_personal_token(String presented) {
        assertThat(TokenSecret.looksLikeOne(presented)).isFalse();
    }

    @Test
    void a_digest_is_sha256_kept_as_hex_and_hidden_from_logs() {
        TokenDigest digest = TokenDigest.of("abc");
        assertThat(digest.hex()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(TokenDigest.ofHex(digest.hex()).matches(digest)).isTrue();
        assertThat(digest.matches(TokenDigest.of("abd"))).isFalse();
        assertThat(digest).hasToString("TokenDigest[hidden]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "ci-deploy", "Ana María", "bob@example.com", "x"})
    void names_people_use_are_accepted(String name) {
        assertThat(TokenName.of(name).value()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " alice", "alice ", "ali\nce", "al\u0000ice"})
    void blank_padded_or_control_names_are_refused(String name) {
        assertThatThrownBy(() -> TokenName.of(name)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_name_is_at_most_100_characters_counted_as_code_points() {
        assertThat(TokenName.of("😀".repeat(100)).value()).hasSize(200);
        assertThatThrownBy(() -> TokenName.of("a".repeat(101))).hasMessageContaining("at most 100");
    }

    @Test
    void a_token_id_reads_only_uuids() {
        UUID uuid = UUID.randomUUID();
        assertThat(TokenId.of(uuid.toString()).value()).isEqualTo(uuid);
        assertThatThrownBy(() -> TokenId.of("42")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UUID");
    }

    @Test
    void a_token_expires_at_its_expiry_instant_and_not_before() {
        Instant created = Instant.parse("2026-01-01T00:00:00Z");
        Instant expires = created.plusSeconds(1);
        PersonalToken token = new PersonalToken(new TokenId(UUID.randomUUID()), TokenName.of("a"), Role.QA, created,
                Optional.of(expires), Optional.empty(), Optional.empty(), TokenDigest.of("s"));
        assertThat(token.expiredAt(expires.minusNanos(1))).isFalse();
        assertThat(token.expiredAt(expires)).isTrue();
        assertThatThrownBy(() -> new PersonalToken(token.id(), token.name(), token.role(), created, Optional.of(created),
                Optional.empty(), Optional.empty(), token.digest())).isInstanceOf(IllegalArgumentException.class);
    }
}
