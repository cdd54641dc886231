package dev.abkit.core.auth;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static dev.abkit.core.auth.AuthorizationHeader.bearerToken;
import static dev.abkit.core.auth.AuthorizationHeader.bearerTokenOrBasicPassword;
import static org.assertj.core.api.Assertions.assertThat;

class AuthorizationHeaderTest {

    @Test
    void reads_the_token_of_bearer_in_any_case_of_the_scheme() {
        assertThat(bearerToken("Bearer abc")).isEqualTo("abc");
        assertThat(bearerToken("bearer abc ")).isEqualTo("abc");
        assertThat(bearerTokenOrBasicPassword("BEARER abc")).isEqualTo("abc");
    }

    @Test
    void reads_the_password_of_basic_only_where_basic_is_allowed() {
        String basic = basic("anyone:pa:ss");

        assertThat(bearerTokenOrBasicPassword(basic)).as("everything after the first colon").isEqualTo("pa:ss");
        assertThat(bearerTokenOrBasicPassword(basic("anyone:"))).isEmpty();
        assertThat(bearerToken(basic)).isNull();
    }

    @Test
    void reads_nothing_from_other_schemes_or_broken_credentials() {
        assertThat(bearerTokenOrBasicPassword("Basic !!!not-base64")).isNull();
        assertThat(bearerTokenOrBasicPassword(basic("nocolon"))).isNull();
        assertThat(bearerTokenOrBasicPassword("Token abc")).isNull();
        assertThat(bearerTokenOrBasicPassword("Bearer")).isNull();
        assertThat(bearerTokenOrBasicPassword(null)).isNull();
        assertThat(bearerToken(null)).isNull();
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }
}
