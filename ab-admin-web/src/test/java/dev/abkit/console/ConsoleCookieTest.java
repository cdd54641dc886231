package dev.abkit.console;

import io.micronaut.http.HttpRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleCookieTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    @Test
    void a_bootstrap_token_with_characters_a_cookie_may_not_hold_is_encoded() {
        String secret = "s3cret;with,comma\"quote\\back";

        String setCookie = ConsoleCookie.signIn(secret, false, NOW, Optional.empty(), true).get(0);
        String value = setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));

        // Read back over HTTP by every test of SignInTest and ExperimentsTest: their admin token has such characters.
        assertThat(value).matches("[A-Za-z0-9%+._*-]+");
    }

    @Test
    void the_cookie_lives_12_hours_or_until_the_token_expires_and_never_zero_seconds() {
        assertThat(ConsoleCookie.signIn("t", false, NOW, Optional.of(NOW.plus(Duration.ofDays(90))), true).get(0))
                .contains("; Max-Age=43200;");
        assertThat(ConsoleCookie.signIn("t", false, NOW, Optional.of(NOW.plusSeconds(90)), true).get(0)).contains("; Max-Age=90;");
        assertThat(ConsoleCookie.signIn("t", false, NOW, Optional.of(NOW.plusMillis(300)), true).get(0)).contains("; Max-Age=1;");
    }

    @Test
    void https_is_the_request_s_own_or_the_first_proxy_s_word_for_it() {
        assertThat(ConsoleCookie.overHttps(HttpRequest.GET("/admin"))).isFalse();
        assertThat(ConsoleCookie.overHttps(HttpRequest.GET("/admin").header("X-Forwarded-Proto", "HTTPS"))).isTrue();
        assertThat(ConsoleCookie.overHttps(HttpRequest.GET("/admin").header("X-Forwarded-Proto", "https, http"))).isTrue();
        assertThat(ConsoleCookie.overHttps(HttpRequest.GET("/admin").header("X-Forwarded-Proto", "http"))).isFalse();
    }

    @Test
    void the_check_field_is_the_hex_sha_256_of_the_secret_and_csrf_and_only_it_matches() {
        String field = CsrfField.of("abk_secret");

        assertThat(field).hasSize(64).matches("[0-9a-f]+").doesNotContain("abk_secret");
        assertThat(CsrfField.matches("abk_secret", field)).isTrue();
        assertThat(CsrfField.matches("abk_secret", CsrfField.of("abk_other"))).isFalse();
        assertThat(CsrfField.matches("abk_secret", field.toUpperCase())).isFalse();
        assertThat(CsrfField.matches("abk_secret", "")).isFalse();
        assertThat(CsrfField.matches("abk_secret", null)).isFalse();
    }
}
