package dev.abkit.console;

import dev.abkit.core.auth.Principal;
import dev.abkit.core.auth.Role;
import dev.abkit.core.auth.TokenName;
import dev.abkit.core.port.in.CreatedToken;
import dev.abkit.core.port.in.NewToken;
import dev.abkit.core.service.TokenService;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.abkit.console.ConsoleClient.page;
import static dev.abkit.console.ConsoleClient.setCookie;
import static org.assertj.core.api.Assertions.assertThat;

/** Signing in and out of the console over real HTTP: the cookie, its attributes, and who is let in. */
@MicronautTest
class SignInTest {

    @Inject
    EmbeddedServer server;

    @Inject
    TokenService tokens;

    private CreatedToken personal(String name, Role role, Duration expiresIn) {
        return tokens.create(Principal.bootstrap(), new NewToken(TokenName.of(name), role, Optional.ofNullable(expiresIn)));
    }

    @Test
    void a_bad_token_shows_why_next_to_the_field_and_sets_no_cookie() {
        HttpResponse<String> response = new ConsoleClient(server).signIn(Map.of("token", "not-a-token"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("Set-Cookie")).noneMatch(set -> set.startsWith(ConsoleCookie.NAME));
        Document page = page(response);
        assertThat(page.selectFirst("#token-error").text()).isEqualTo("This token does not sign in: the token is not known.");
        assertThat(page.selectFirst("#token").attr("aria-describedby")).isEqualTo("token-error");
    }

    @Test
    void the_cookie_holds_the_token_for_12_hours_http_only_same_site_strict_on_the_console_s_and_the_statistics_paths() {
        HttpResponse<String> response = new ConsoleClient(server).signIn(Map.of("token", InMemoryConsoleFactory.ADMIN_TOKEN));

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).contains("/admin/experiments");
        assertThat(response.headers().allValues("Set-Cookie")).containsExactly(
                "abkit_console=console-test%3Badmin%2Ctoken; Max-Age=43200; Path=/admin; HttpOnly; SameSite=Strict",
                "abkit_console=console-test%3Badmin%2Ctoken; Max-Age=43200; Path=/stats; HttpOnly; SameSite=Strict");
    }

    @Test
    void a_sign_in_not_sent_from_the_console_s_own_sign_in_page_is_refused() {
        ConsoleClient anotherSite = new ConsoleClient(server);

        HttpResponse<String> withoutCheck = anotherSite.post(Paths.SIGN_IN, Map.of("token", InMemoryConsoleFactory.ADMIN_TOKEN));
        HttpResponse<String> withoutCookie = anotherSite.post(Paths.SIGN_IN, Map.of("token", InMemoryConsoleFactory.ADMIN_TOKEN,
                CsrfField.NAME, "0".repeat(64)));

        for (HttpResponse<String> refused : List.of(withoutCheck, withoutCookie)) {
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.headers().allValues("Set-Cookie")).as("not signed in")
                    .noneMatch(set -> set.startsWith(ConsoleCookie.NAME));
            assertThat(page(refused).selectFirst(".notice").text()).startsWith("This sign-in was refused");
        }
        assertThat(anotherSite.get(Paths.EXPERIMENTS).statusCode()).as("still signed out").isEqualTo(303);
    }

    @Test
    void two_sign_in_pages_open_in_two_tabs_both_sign_in() {
        ConsoleClient browser = new ConsoleClient(server);
        String firstTab = page(browser.get(Paths.SIGN_IN)).selectFirst("input[name=csrf]").val();
        String secondTab = page(browser.get(Paths.SIGN_IN)).selectFirst("input[name=csrf]").val();

        assertThat(secondTab).isEqualTo(firstTab);
        assertThat(browser.post(Paths.SIGN_IN, Map.of("token", InMemoryConsoleFactory.ADMIN_TOKEN, CsrfField.NAME, firstTab))
                .statusCode()).isEqualTo(303);
    }

    @Test
    void the_sign_in_page_s_check_cookie_is_for_the_sign_in_only() {
        HttpResponse<String> page = new ConsoleClient(server).get(Paths.SIGN_IN);

        assertThat(page.headers().firstValue("Set-Cookie").orElseThrow())
                .matches("abkit_sign_in=[0-9a-f]{64}; Max-Age=3600; Path=/admin/sign-in; HttpOnly; SameSite=Strict");
        assertThat(page(page).selectFirst("input[name=csrf]").val())
                .isEqualTo(page.headers().firstValue("Set-Cookie").orElseThrow().substring(14, 78));
    }

    @Test
    void a_role_that_may_not_read_statistics_gets_no_cookie_for_them() {
        CreatedToken editor = personal("no_stats_editor", Role.EDITOR, null);

        HttpResponse<String> response = new ConsoleClient(server).signIn(Map.of("token", editor.secret()));

        assertThat(response.headers().allValues("Set-Cookie")).singleElement().asString().contains("; Path=/admin;");
    }

    @Test
    void the_cookie_is_secure_when_the_browser_came_over_https_through_a_proxy() {
        HttpResponse<String> response = new ConsoleClient(server).signIn(Map.of("token", InMemoryConsoleFactory.ADMIN_TOKEN), "X-Forwarded-Proto", "https");

        assertThat(setCookie(response).orElseThrow()).endsWith("; HttpOnly; SameSite=Strict; Secure");
    }

    @Test
    void the_cookie_ends_with_a_token_that_expires_sooner_than_12_hours() {
        CreatedToken brief = personal("brief", Role.EDITOR, Duration.ofHours(1));

        String cookie = setCookie(new ConsoleClient(server).signIn(Map.of("token", brief.secret())))
                .orElseThrow();

        long maxAge = Long.parseLong(cookie.replaceAll(".*Max-Age=(\\d+);.*", "$1"));
        assertThat(maxAge).isBetween(3500L, 3600L);
    }

    @Test
    void without_a_cookie_every_console_page_leads_to_sign_in() {
        ConsoleClient anonymous = new ConsoleClient(server);

        for (String path : new String[] {"/admin", "/admin/experiments", "/admin/experiments/new", "/admin/experiments/price"}) {
            HttpResponse<String> response = anonymous.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(303);
            assertThat(response.headers().firstValue("Location")).as(path).contains("/admin/sign-in");
        }
        assertThat(anonymous.post(Paths.EXPERIMENTS, Map.of("key", "sneaky")).headers().firstValue("Location"))
                .contains("/admin/sign-in");
    }

    @Test
    void a_revoked_token_is_signed_out_at_its_next_request_and_told_why() {
        CreatedToken alice = personal("alice", Role.EDITOR, null);
        ConsoleClient console = new ConsoleClient(server).signedInAs(alice.secret());
        assertThat(console.get(Paths.EXPERIMENTS).statusCode()).isEqualTo(200);

        tokens.revoke(Principal.bootstrap(), alice.token().id());
        HttpResponse<String> next = console.get(Paths.EXPERIMENTS);

        assertThat(next.statusCode()).isEqualTo(303);
        assertThat(next.headers().firstValue("Location")).contains("/admin/sign-in?reason=revoked");
        assertThat(next.headers().allValues("Set-Cookie")).hasSize(2).allMatch(cleared -> cleared.startsWith("abkit_console=; Max-Age=0;"));
        Document signIn = page(console.get(next.headers().firstValue("Location").orElseThrow()));
        assertThat(signIn.selectFirst(".notice").text())
                .isEqualTo("You were signed out: the token was revoked. Sign in with a token that works.");
    }

    @Test
    void signing_out_clears_the_cookie_and_needs_the_check_field() {
        ConsoleClient console = new ConsoleClient(server).signedInAs(InMemoryConsoleFactory.ADMIN_TOKEN);

        assertThat(console.post(Paths.SIGN_OUT, Map.of()).statusCode()).isEqualTo(403);
        assertThat(console.get(Paths.EXPERIMENTS).statusCode()).as("still signed in").isEqualTo(200);

        HttpResponse<String> out = console.postWithCheckField(Paths.SIGN_OUT, Map.of());
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().allValues("Set-Cookie")).containsExactly(
                "abkit_console=; Max-Age=0; Path=/admin; HttpOnly; SameSite=Strict",
                "abkit_console=; Max-Age=0; Path=/stats; HttpOnly; SameSite=Strict");
        assertThat(page(console.get(out.headers().firstValue("Location").orElseThrow())).selectFirst(".notice").text())
                .isEqualTo("You are signed out.");
        assertThat(console.get(Paths.EXPERIMENTS).statusCode()).isEqualTo(303);
    }

    @Test
    void every_console_response_forbids_inline_script_framing_sniffing_outside_referrers_and_caching() {
        ConsoleClient console = new ConsoleClient(server);
        for (HttpResponse<String> response : java.util.List.of(console.get(Paths.SIGN_IN),
                console.signedInAs(InMemoryConsoleFactory.ADMIN_TOKEN).get(Paths.EXPERIMENTS),
                console.get(Paths.NEW_EXPERIMENT), console.get(Paths.STYLESHEET), console.get("/admin/experiments/nothing_here"))) {
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(response.uri().getPath())
                    .contains("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                            + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(response.headers().firstValue("Referrer-Policy")).contains("same-origin");
            assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        }
    }

    @Test
    void the_pages_have_no_inline_script_or_style_and_load_the_console_stylesheet() {
        ConsoleClient console = new ConsoleClient(server).signedInAs(InMemoryConsoleFactory.ADMIN_TOKEN);
        for (String path : new String[] {Paths.EXPERIMENTS, Paths.NEW_EXPERIMENT, "/admin/experiments/price", "/admin/experiments/price/stop"}) {
            Document page = page(console.get(path));
            assertThat(page.select("script, style, [style]")).as(path).isEmpty();
            assertThat(page.select("link[rel=stylesheet]").eachAttr("href")).as(path).containsExactly("/admin/console.css");
        }
        HttpResponse<String> css = console.get(Paths.STYLESHEET);
        assertThat(css.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/css");
        assertThat(css.body()).contains("@media (max-width: 640px)");
    }
}
