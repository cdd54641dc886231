package dev.abkit.console;

import dev.abkit.core.auth.Authentication;
import dev.abkit.core.auth.PersonalToken;
import dev.abkit.core.auth.Principal;
import dev.abkit.core.auth.Role;
import dev.abkit.core.service.TokenService;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.abkit.console.ConsoleClient.page;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tokens page over real HTTP, on in-memory tokens: the list, the create form whose answer shows the secret
 * once, revocation behind its confirmation, errors next to their fields, and no way in for other roles. Each
 * test uses names of its own: the tokens are shared by the class.
 */
@MicronautTest
class TokensTest {

    @Inject
    EmbeddedServer server;

    @Inject
    TokenService tokens;

    private PersonalToken named(String name) {
        return tokens.list(Principal.bootstrap()).stream().filter(token -> token.name().value().equals(name))
                .findFirst().orElseThrow();
    }

    private boolean exists(String name) {
        return tokens.list(Principal.bootstrap()).stream().anyMatch(token -> token.name().value().equals(name));
    }

    private static Map<String, Object> form(String name, String role, String expiresIn) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(TokenForm.NAME, name);
        fields.put(TokenForm.ROLE, role);
        fields.put(TokenForm.EXPIRES_IN, expiresIn);
        return fields;
    }

    @Test
    void a_created_token_shows_its_secret_once_and_signs_in_and_the_list_never_shows_it() {
        ConsoleClient admin = ConsoleClient.admin(server);

        HttpResponse<String> created = admin.postWithCheckField(Paths.TOKENS, form("tina", "qa", "P90D"));

        assertThat(created.statusCode()).as("then a GET: a reload posts nothing").isEqualTo(303);
        String shown = created.headers().firstValue("Location").orElseThrow();
        assertThat(shown).isEqualTo("/admin/tokens/" + named("tina").id() + "/created").doesNotContain("abk_");
        assertThat(created.headers().firstValue("Set-Cookie").orElseThrow())
                .endsWith("; Max-Age=60; Path=" + shown + "; HttpOnly; SameSite=Strict");
        HttpResponse<String> showing = admin.get(shown);
        assertThat(showing.statusCode()).isEqualTo(200);
        assertThat(showing.headers().firstValue("Set-Cookie").orElseThrow()).as("shown once")
                .startsWith("abkit_new_secret=; Max-Age=0; Path=" + shown + ";");
        Document answer = page(showing);
        String secret = answer.selectFirst(".secret").text();
        assertThat(answer.selectFirst(".warning").text()).contains("shown this once");
        assertThat(answer.selectFirst("dd.role").text()).isEqualTo("qa");
        assertThat(answer.selectFirst("dd.expires").text()).endsWith("UTC");
        assertThat(tokens.authenticate(secret)).isInstanceOf(Authentication.Authenticated.class);

        HttpResponse<String> list = admin.get(Paths.TOKENS);
        assertThat(list.body()).doesNotContain(secret);
        Element row = page(list).selectFirst("tr.token[data-id=" + named("tina").id() + "]");
        assertThat(row.selectFirst(".name").text()).isEqualTo("tina");
        assertThat(row.selectFirst(".role").text()).isEqualTo("qa");
        assertThat(row.selectFirst(".last-used").text()).as("authenticated above").endsWith("UTC");
        assertThat(row.selectFirst(".revoked").text()).isEqualTo("–");
        assertThat(row.selectFirst("a.revoke").attr("href")).isEqualTo("/admin/tokens/" + named("tina").id() + "/revoke");
    }

    @Test
    void the_secret_s_page_opened_again_shows_no_secret_and_makes_no_second_token() {
        ConsoleClient admin = ConsoleClient.admin(server);
        String shown = admin.postWithCheckField(Paths.TOKENS, form("rhea", "editor", "")).headers()
                .firstValue("Location").orElseThrow();
        assertThat(page(admin.get(shown)).select(".secret")).hasSize(1);

        Document reloaded = page(admin.get(shown));

        assertThat(reloaded.select(".secret")).isEmpty();
        assertThat(reloaded.selectFirst(".gone").text()).contains("is not shown again");
        assertThat(tokens.list(Principal.bootstrap()).stream().filter(token -> token.name().value().equals("rhea")))
                .hasSize(1);
    }

    @Test
    void each_field_gets_its_own_error_and_nothing_is_created() {
        HttpResponse<String> response = ConsoleClient.admin(server).postWithCheckField(Paths.TOKENS,
                form("bootstrap", "owner", "ninety days"));

        assertThat(response.statusCode()).isEqualTo(400);
        Document page = page(response);
        assertThat(page.selectFirst("#name-error").text()).startsWith("\"bootstrap\" is reserved");
        assertThat(page.selectFirst("#role-error").text()).startsWith("must be one of admin, editor, qa, analyst");
        assertThat(page.selectFirst("#expiresIn-error").text()).startsWith("must be an ISO-8601 duration");
        assertThat(page.selectFirst("#expiresIn").val()).isEqualTo("ninety days");
        assertThat(page.selectFirst("#name").attr("aria-describedby")).isEqualTo("name-error");
        assertThat(page.selectFirst(".error.summary").text()).isEqualTo("3 fields need a change: see below.");
        assertThat(page.select(".secret")).isEmpty();

        Document tooLong = page(ConsoleClient.admin(server).postWithCheckField(Paths.TOKENS, form("toolong", "editor", "P40000D")));
        assertThat(tooLong.selectFirst("#expiresIn-error").text()).startsWith("must be at most P36525D");
        assertThat(tooLong.selectFirst("#role option[selected]").val()).as("the choice kept").isEqualTo("editor");
        assertThat(exists("toolong")).isFalse();
    }

    @Test
    void a_token_never_used_says_so() {
        ConsoleClient admin = ConsoleClient.admin(server);
        admin.postWithCheckField(Paths.TOKENS, form("unused", "analyst", ""));

        Element row = page(admin.get(Paths.TOKENS)).selectFirst("tr.token[data-id=" + named("unused").id() + "]");

        assertThat(row.selectFirst(".last-used").text()).isEqualTo("never");
        assertThat(row.selectFirst(".expires").text()).isEqualTo("never");
    }

    @Test
    void a_token_is_revoked_after_a_page_that_says_what_happens_and_its_holder_is_signed_out() {
        ConsoleClient holder = ConsoleClient.as(server, tokens, "rita", Role.EDITOR);
        ConsoleClient admin = ConsoleClient.admin(server);
        String id = named("rita").id().toString();

        Document confirm = page(admin.get("/admin/tokens/" + id + "/revoke"));
        assertThat(confirm.selectFirst(".consequence").text()).contains("refused everywhere").contains("cannot be undone");
        assertThat(named("rita").revoked()).as("the confirmation page changes nothing").isFalse();

        HttpResponse<String> revoked = admin.postWithCheckField("/admin/tokens/" + id + "/revoke", Map.of());
        assertThat(revoked.statusCode()).isEqualTo(303);
        assertThat(revoked.headers().firstValue("Location")).contains("/admin/tokens?done=revoked");
        assertThat(named("rita").revoked()).isTrue();

        Document list = page(admin.get("/admin/tokens?done=revoked"));
        assertThat(list.selectFirst(".notice").text()).startsWith("Revoked");
        Element row = list.selectFirst("tr.token[data-id=" + id + "]");
        assertThat(row.selectFirst(".revoked").text()).endsWith("UTC");
        assertThat(row.select("a.revoke")).as("nothing left to revoke").isEmpty();
        assertThat(page(admin.get("/admin/tokens/" + id + "/revoke")).select("button.confirm")).isEmpty();
        assertThat(holder.get(Paths.EXPERIMENTS).headers().firstValue("Location")).contains("/admin/sign-in?reason=revoked");
    }

    @Test
    void a_form_without_the_check_field_is_403_and_changes_nothing() {
        ConsoleClient admin = ConsoleClient.admin(server);
        ConsoleClient.as(server, tokens, "kept", Role.ANALYST);

        HttpResponse<String> create = admin.post(Paths.TOKENS, form("forged_token", "admin", ""));
        HttpResponse<String> revoke = admin.post("/admin/tokens/" + named("kept").id() + "/revoke", Map.of());

        assertThat(List.of(create.statusCode(), revoke.statusCode())).containsOnly(403);
        assertThat(page(create).selectFirst("h1").text()).isEqualTo("This form was refused");
        assertThat(exists("forged_token")).isFalse();
        assertThat(named("kept").revoked()).isFalse();
    }

    @Test
    void other_roles_are_not_offered_the_page_and_are_refused_it_and_its_forms() {
        ConsoleClient.as(server, tokens, "safe", Role.ANALYST);
        String id = named("safe").id().toString();
        for (Role role : List.of(Role.EDITOR, Role.QA, Role.ANALYST)) {
            ConsoleClient person = ConsoleClient.as(server, tokens, "not_admin_" + role.wireName(), role);

            assertThat(page(person.get("/admin/devices")).select(".top nav a[href=/admin/tokens]")).as(role.name()).isEmpty();
            assertThat(person.get(Paths.TOKENS).statusCode()).as(role.name()).isEqualTo(403);
            assertThat(person.get("/admin/tokens/" + id + "/revoke").statusCode()).isEqualTo(403);
            HttpResponse<String> create = person.postWithCheckField(Paths.TOKENS, form("escalated_" + role.wireName(), "admin", ""));
            HttpResponse<String> revoke = person.postWithCheckField("/admin/tokens/" + id + "/revoke", Map.of());

            assertThat(List.of(create.statusCode(), revoke.statusCode())).as(role.name()).containsOnly(403);
            assertThat(page(create).selectFirst(".problem").text()).contains("manage_tokens");
            assertThat(exists("escalated_" + role.wireName())).isFalse();
        }
        assertThat(named("safe").revoked()).isFalse();
    }

    @Test
    void an_unknown_token_id_is_a_404_page() {
        ConsoleClient admin = ConsoleClient.admin(server);

        assertThat(admin.get("/admin/tokens/00000000-0000-0000-0000-000000000000/revoke").statusCode()).isEqualTo(404);
        assertThat(admin.get("/admin/tokens/not-an-id/revoke").statusCode()).isEqualTo(404);
        assertThat(admin.postWithCheckField("/admin/tokens/00000000-0000-0000-0000-000000000000/revoke", Map.of()).statusCode())
                .isEqualTo(404);
        assertThat(admin.postWithCheckField("/admin/tokens/not-an-id/revoke", Map.of()).statusCode()).isEqualTo(404);
    }
}
