package dev.abkit.core.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignInCookieTest {

    @Test
    void a_secret_with_characters_a_cookie_value_may_not_hold_is_encoded_and_read_back() {
        String secret = "s3cret;with,comma\"quote\\back space";

        String value = SignInCookie.value(secret);

        assertThat(value).matches("[A-Za-z0-9%+._*-]+");
        assertThat(SignInCookie.secret(value)).contains(secret);
    }

    @Test
    void a_personal_token_is_its_own_value() {
        assertThat(SignInCookie.value("abk_Q2xhc3NpYw-_x")).isEqualTo("abk_Q2xhc3NpYw-_x");
    }

    @Test
    void an_empty_or_malformed_value_holds_no_secret() {
        assertThat(SignInCookie.secret("")).isEmpty();
        assertThat(SignInCookie.secret(null)).isEmpty();
        assertThat(SignInCookie.secret("%zz")).isEmpty();
    }
}
