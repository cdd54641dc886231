package dev.abkit.console;

import dev.abkit.core.auth.Principal;
import dev.abkit.core.auth.Role;
import dev.abkit.core.auth.TokenName;
import dev.abkit.core.port.in.NewToken;
import dev.abkit.core.service.TokenService;
import io.micronaut.runtime.server.EmbeddedServer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The console over real HTTP as a browser without script uses it: forms posted as
 * {@code application/x-www-form-urlencoded}, the cookie sent back by hand, redirects not followed (so that
 * the tests see each 303 and each {@code Set-Cookie}).
 */
final class ConsoleClient {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final URI server;
    /** The cookies as a browser keeps them: by name and path, each sent to the paths below its own. */
    private final Map<List<String>, String> cookies = new LinkedHashMap<>();

    ConsoleClient(EmbeddedServer server) {
        this.server = server.getURI();
    }

    /** A browser signed in with the bootstrap admin token. */
    static ConsoleClient admin(EmbeddedServer server) {
        return new ConsoleClient(server).signedInAs(InMemoryConsoleFactory.ADMIN_TOKEN);
    }

    /** A browser signed in with a personal token of {@code role}, made for it. */
    static ConsoleClient as(EmbeddedServer server, TokenService tokens, String name, Role role) {
        String secret = tokens.create(Principal.bootstrap(), new NewToken(TokenName.of(name), role, Optional.empty())).secret();
        return new ConsoleClient(server).signedInAs(secret);
    }

    /** Signs in with {@code token}, which must work. */
    ConsoleClient signedInAs(String token) {
        HttpResponse<String> response = signIn(Map.of(SignInController.TOKEN, token));
        if (response.statusCode() != 303) {
            throw new IllegalStateException("sign-in answered " + response.statusCode());
        }
        return this;
    }

    /**
     * Posts the sign-in form as a browser does: the sign-in page first (its check field, and the cookie that comes
     * with it), then the form with {@code fields} and that check field.
     */
    HttpResponse<String> signIn(Map<String, ?> fields, String... headers) {
        Map<String, Object> withCheck = new LinkedHashMap<>(fields);
        withCheck.put(CsrfField.NAME, page(get(Paths.SIGN_IN, headers)).selectFirst("input[name=csrf]").val());
        return post(Paths.SIGN_IN, withCheck, headers);
    }

    HttpResponse<String> get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    /** @param fields the form's fields; a field sent several times is given as a list */
    HttpResponse<String> post(String path, Map<String, ?> fields, String... headers) {
        return send(request(path, headers).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encoded(fields))).build());
    }

    /** Posts a form of a page as the page carries it, with its check field, plus {@code fields}. */
    HttpResponse<String> postWithCheckField(String path, Map<String, ?> fields) {
        Map<String, Object> withCsrf = new java.util.LinkedHashMap<>(fields);
        withCsrf.put(CsrfField.NAME, csrf());
        return post(path, withCsrf);
    }

    /** The check field this person's pages carry, read from a page as a browser would have it. */
    String csrf() {
        Document page = Jsoup.parse(get(Paths.EXPERIMENTS).body());
        return page.selectFirst("form.who input[name=csrf]").val();
    }

    static Document page(HttpResponse<String> response) {
        return Jsoup.parse(response.body());
    }

    static Optional<String> setCookie(HttpResponse<String> response) {
        return response.headers().firstValue("Set-Cookie");
    }

    private HttpRequest.Builder request(String pathAndQuery, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(pathAndQuery));
        String path = server.resolve(pathAndQuery).getPath();
        String sent = cookies.entrySet().stream().filter(cookie -> path.startsWith(cookie.getKey().get(1)))
                .map(cookie -> cookie.getKey().get(0) + "=" + cookie.getValue()).collect(Collectors.joining("; "));
        if (!sent.isEmpty()) {
            request.header("Cookie", sent);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return request;
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            response.headers().allValues("Set-Cookie").forEach(this::keep);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What a browser does with {@code Set-Cookie}: keeps the value for its name and path, or drops it when it has expired. */
    private void keep(String setCookie) {
        String name = setCookie.substring(0, setCookie.indexOf('='));
        String value = setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
        String path = setCookie.replaceAll(".*; Path=([^;]*).*", "$1");
        List<String> key = List.of(name, path.equals(setCookie) ? "/" : path);
        if (setCookie.contains("Max-Age=0") || value.isEmpty()) {
            cookies.remove(key);
        } else {
            cookies.put(key, value);
        }
    }

    private static String encoded(Map<String, ?> fields) {
        List<String> pairs = new ArrayList<>();
        fields.forEach((name, value) -> {
            List<?> values = value instanceof List<?> list ? list : List.of(value);
            for (Object one : values) {
                pairs.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(String.valueOf(one), StandardCharsets.UTF_8));
            }
        });
        return pairs.stream().collect(Collectors.joining("&"));
    }
}
