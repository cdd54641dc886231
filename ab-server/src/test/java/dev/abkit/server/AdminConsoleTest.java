package dev.abkit.server;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin console served by the whole server from the same jar, on its database (decision 20): signed in
 * with the admin token, an experiment created and started from its forms is served to a new device over the
 * mobile API, and the console's list then counts that device; a QA token made on the tokens page signs in, and
 * the override it sets is served over the mobile API and shown by the device lookup. Forms are posted as a browser without script
 * posts them; redirects are not followed, so that each 303 and its cookie are seen.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminConsoleTest extends SystemTest {

    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void an_experiment_created_and_started_in_the_console_reaches_new_devices_and_its_list_counts_them() {
        HttpResponse<String> signedIn = signIn(Api.ADMIN_TOKEN);
        assertThat(signedIn.statusCode()).isEqualTo(303);
        String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        assertThat(cookie).startsWith("abkit_console=");

        HttpResponse<String> list = get("/admin/experiments", cookie);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(list.headers().firstValue("Content-Security-Policy").orElseThrow()).startsWith("default-src 'self';");
        Document page = Jsoup.parse(list.body());
        assertThat(page.select("tr.experiment").eachAttr("data-key")).contains("button_color", "price");
        String csrf = page.selectFirst("form.who input[name=csrf]").val();

        Map<String, String> form = new LinkedHashMap<>();
        form.put("csrf", csrf);
        form.put("key", "console_made");
        form.put("options[0].value", "yes");
        form.put("options[0].weight", "1");
        assertThat(post("/admin/experiments", cookie, form).statusCode()).isEqualTo(303);
        assertThat(api.device("console-device-before").body()).doesNotContain("console_made");

        HttpResponse<String> started = post("/admin/experiments/console_made/start", cookie, Map.of("csrf", csrf));
        assertThat(started.statusCode()).isEqualTo(303);

        assertThat(api.device("console-device-after").body()).contains("\"console_made\":\"yes\"");
        Document after = Jsoup.parse(get("/admin/experiments?status=RUNNING", cookie).body());
        assertThat(after.selectFirst("tr.experiment[data-key=console_made] .devices").text()).isEqualTo("1");
        assertThat(get("/admin/console.css", cookie).statusCode()).isEqualTo(200);
    }

    @Test
    void a_qa_token_made_on_the_tokens_page_signs_in_and_its_override_reaches_the_device_over_the_mobile_api() {
        String adminCookie = cookieOf(signIn(Api.ADMIN_TOKEN));
        String secret = newToken(adminCookie, "console_qa", "qa", "P1D");

        HttpResponse<String> qaSignedIn = signIn(secret);
        assertThat(qaSignedIn.headers().firstValue("Location")).contains("/admin/overrides");
        String qaCookie = cookieOf(qaSignedIn);
        HttpResponse<String> overrides = get("/admin/overrides?experiment=button_color", qaCookie);
        assertThat(overrides.statusCode()).isEqualTo(200);
        HttpResponse<String> set = post("/admin/overrides/button_color", qaCookie,
                Map.of("csrf", csrfOf(overrides), "device", "console-qa-phone", "value", "#00FF00"));
        assertThat(set.statusCode()).isEqualTo(303);

        assertThat(api.device("console-qa-phone").body()).contains("\"button_color\":\"#00FF00\"");
        Document lookup = Jsoup.parse(get("/admin/devices?token=console-qa-phone", qaCookie).body());
        assertThat(lookup.selectFirst("tr.assignment[data-experiment=button_color] .value").text())
                .startsWith("#00FF00").contains("override");
    }

    @Test
    void while_the_database_is_out_of_reach_the_console_says_so_in_a_page_and_keeps_everyone_signed_in() {
        String adminCookie = cookieOf(signIn(Api.ADMIN_TOKEN));
        String editorCookie = cookieOf(signIn(newToken(adminCookie, "outage_editor", "editor", "")));
        String editorCsrf = csrfOf(get("/admin/experiments", editorCookie));

        POSTGRES.cutOff(databaseName());
        try {
            // The bootstrap admin needs no database to sign in; the list's counts do.
            assertUnavailablePage(get("/admin/experiments", adminCookie));
            // A personal token is looked up on every request: out of reach is no reason to sign its holder out.
            assertUnavailablePage(get("/admin/experiments", editorCookie));
            HttpResponse<String> create = post("/admin/experiments", editorCookie, Map.of("csrf", editorCsrf,
                    "key", "made_in_outage", "options[0].value", "a", "options[0].weight", "1"));
            assertUnavailablePage(create);
            assertThat(Jsoup.parse(create.body()).selectFirst(".problem").text())
                    .contains("open its page again to see whether the change was made");
        } finally {
            POSTGRES.reconnect(databaseName());
        }

        Eventually.within(Duration.ofSeconds(20), "the console answers again",
                () -> get("/admin/experiments", editorCookie).statusCode() == 200);
        assertThat(get("/admin/experiments", adminCookie).statusCode()).isEqualTo(200);
        assertThat(get("/admin/experiments/made_in_outage", editorCookie).statusCode()).isEqualTo(404);
    }

    private static void assertUnavailablePage(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(response.headers().firstValue("Set-Cookie")).as("still signed in").isEmpty();
        assertThat(response.headers().firstValue("Content-Security-Policy").orElseThrow()).startsWith("default-src 'self';");
        Document page = Jsoup.parse(response.body());
        assertThat(page.selectFirst("h1").text()).isEqualTo("Try again in a moment");
        assertThat(page.selectFirst(".problem").text()).startsWith("abkit cannot reach its database just now");
    }

    @Test
    void the_results_link_of_an_experiment_s_page_opens_with_the_console_s_sign_in() {
        HttpResponse<String> signedIn = signIn(Api.ADMIN_TOKEN);
        String statsCookie = signedIn.headers().allValues("Set-Cookie").stream().filter(set -> set.contains("; Path=/stats;"))
                .findFirst().orElseThrow().split(";")[0];

        String results = Jsoup.parse(get("/admin/experiments/button_color", cookieOf(signedIn)).body())
                .selectFirst("a.results").attr("href");
        HttpResponse<String> view = get(results, statsCookie);

        assertThat(view.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(view.body()).selectFirst("h1").text()).contains("button_color");
        for (String api : new String[] {"/api/v1/stats", "/api/v1/admin/experiments"}) {
            assertThat(this.api.get(api, "Cookie", statsCookie).statusCode()).as(api + " takes no cookie").isEqualTo(401);
        }
    }

    /**
     * Makes a token on the tokens page as a browser does: the form, its 303 to the page that shows the secret once,
     * and that page opened with the cookie the 303 set for it.
     */
    private String newToken(String adminCookie, String name, String role, String expiresIn) {
        HttpResponse<String> created = post("/admin/tokens", adminCookie,
                Map.of("csrf", csrfOf(get("/admin/tokens", adminCookie)), "name", name, "role", role, "expiresIn", expiresIn));
        assertThat(created.statusCode()).isEqualTo(303);
        String secretCookie = created.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        HttpResponse<String> shown = get(created.headers().firstValue("Location").orElseThrow(),
                adminCookie + "; " + secretCookie);
        return Jsoup.parse(shown.body()).selectFirst(".secret").text();
    }

    /**
     * Signs in as a browser does: the sign-in page first, for its check field and the cookie that comes with it,
     * then the form with the token.
     */
    private HttpResponse<String> signIn(String token) {
        HttpResponse<String> page = get("/admin/sign-in", null);
        String checkCookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        return post("/admin/sign-in", checkCookie, Map.of("token", token,
                "csrf", Jsoup.parse(page.body()).selectFirst("input[name=csrf]").val()));
    }

    private static String cookieOf(HttpResponse<String> signedIn) {
        assertThat(signedIn.statusCode()).isEqualTo(303);
        return signedIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    private static String csrfOf(HttpResponse<String> page) {
        return Jsoup.parse(page.body()).selectFirst("form.who input[name=csrf]").val();
    }

    @Test
    void without_signing_in_the_console_leads_to_its_sign_in_page_and_the_api_keeps_its_problems() {
        HttpResponse<String> anonymous = get("/admin/experiments", null);
        assertThat(anonymous.statusCode()).isEqualTo(303);
        assertThat(anonymous.headers().firstValue("Location")).contains("/admin/sign-in");
        assertThat(get("/admin/sign-in", null).statusCode()).isEqualTo(200);

        assertProblem(api.get("/api/v1/admin/experiments"), 401);
    }

    private HttpResponse<String> get(String path, String cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.getURI().resolve(path)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return send(request.build());
    }

    private HttpResponse<String> post(String path, String cookie, Map<String, String> fields) {
        String body = fields.entrySet().stream().map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8)
                + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(server.getURI().resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return send(request.build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return browser.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
