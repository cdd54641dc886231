package dev.abkit.core.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdminTokenTest {

    @Test
    void matches_only_the_token_itself() {
        AdminToken token = AdminToken.of("s3cret");

        assertThat(token.matches("s3cret")).isTrue();
        assertThat(token.matches("s3cre")).isFalse();
        assertThat(token.matches("s3cret ")).isFalse();
        assertThat(token.matches("S3CRET")).isFalse();
        assertThat(token.matches("")).isFalse();
        assertThat(token.matches(null)).isFalse();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "\t\n"})
    void a_blank_token_would_let_anyone_in_and_is_refused(String blank) {
        assertThatThrownBy(() -> AdminToken.of(blank))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be blank");
    }

    @ParameterizedTest
    @ValueSource(strings = {"two words", "tab\there", "caf\u00e9", "line\nbreak"})
    void a_token_no_authorization_header_can_carry_is_refused(String unsendable) {
        assertThatThrownBy(() -> AdminToken.of(unsendable))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("visible ASCII");
    }

    @Test
    void never_shows_the_token() {
        assertThat(AdminToken.of("s3cret").toString()).doesNotContain("s3cret");
    }
}
