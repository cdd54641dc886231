package dev.abkit.http.auth;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class AdminTokenTest {

    @Test
    void matches_only_the_configured_token() {
        AdminToken token = new AdminToken("s3cret");

        assertThat(token.matches("s3cret")).isTrue();
        assertThat(token.matches("s3cre")).isFalse();
        assertThat(token.matches("s3cret ")).isFalse();
        assertThat(token.matches("")).isFalse();
        assertThat(token.matches(null)).isFalse();
    }

    @Test
    void an_unset_token_is_replaced_by_a_random_url_safe_one() {
        AdminToken token = new AdminToken("  ");

        assertThat(token.matches("")).isFalse();
        assertThat(token.matches("  ")).isFalse();
        assertThat(AdminToken.generate()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(AdminToken.generate());
    }

    @Test
    void reads_bearer_everywhere_and_basic_only_where_allowed() {
        String basic = "Basic " + Base64.getEncoder().encodeToString("anyone:pa:ss".getBytes(StandardCharsets.UTF_8));

        assertThat(AdminTokenFilter.presentedToken("Bearer abc", false)).isEqualTo("abc");
        assertThat(AdminTokenFilter.presentedToken("bearer abc", true)).isEqualTo("abc");
        assertThat(AdminTokenFilter.presentedToken(basic, true)).isEqualTo("pa:ss");
        assertThat(AdminTokenFilter.presentedToken(basic, false)).isNull();
        assertThat(AdminTokenFilter.presentedToken("Basic !!!not-base64", true)).isNull();
        assertThat(AdminTokenFilter.presentedToken("Basic " + Base64.getEncoder().encodeToString("nocolon".getBytes()), true)).isNull();
        assertThat(AdminTokenFilter.presentedToken("Token abc", true)).isNull();
        assertThat(AdminTokenFilter.presentedToken(null, true)).isNull();
    }
}
