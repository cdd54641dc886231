package dev.abkit.console;

import dev.abkit.core.auth.SignInCookie;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.cookie.Cookie;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The console's sign-in: a cookie holding the token's secret itself ({@link SignInCookie}), so that every request
 * is authenticated the way the API's are and any instance can answer it, with no session table (decision 20).
 * HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), Secure when the request came
 * over HTTPS, and gone after 12 hours or at the token's expiry if sooner. Set on the console's path, and for a
 * role that may read statistics on the statistics' pages' too, where the console links an experiment's results;
 * on no other path, never the API's.
 */
final class ConsoleCookie {

    static final String NAME = SignInCookie.NAME;
    static final String CONSOLE_PATH = "/admin";
    static final String STATISTICS_PATH = "/stats";
    static final Duration LONGEST = Duration.ofHours(12);

    private ConsoleCookie() {
    }

    /**
     * The {@code Set-Cookie} values that sign in, one per path: the console's, and the statistics' only for a role
     * that may read them (no secret travels where it opens nothing).
     */
    static List<String> signIn(String secret, boolean secure, Instant now, Optional<Instant> tokenExpiresAt,
                               boolean readsStatistics) {
        Duration life = tokenExpiresAt.map(expiry -> Duration.between(now, expiry))
                .filter(untilExpiry -> untilExpiry.compareTo(LONGEST) < 0).orElse(LONGEST);
        List<String> paths = readsStatistics ? List.of(CONSOLE_PATH, STATISTICS_PATH) : List.of(CONSOLE_PATH);
        return cookies(paths, SignInCookie.value(secret), Math.max(1, life.toSeconds()), secure);
    }

    /** The {@code Set-Cookie} values that sign out: the same cookies on both paths, empty and already expired. */
    static List<String> signOut(boolean secure) {
        return cookies(List.of(CONSOLE_PATH, STATISTICS_PATH), "", 0, secure);
    }

    /** {@code response} with {@code setCookies} added (a header each). */
    static <R extends MutableHttpResponse<?>> R set(R response, List<String> setCookies) {
        setCookies.forEach(setCookie -> response.getHeaders().add(HttpHeaders.SET_COOKIE, setCookie));
        return response;
    }

    private static List<String> cookies(List<String> paths, String value, long maxAgeSeconds, boolean secure) {
        return paths.stream().map(path -> cookie(NAME, value, maxAgeSeconds, path, secure)).toList();
    }

    private static String cookie(String name, String value, long maxAgeSeconds, String path, boolean secure) {
        return name + "=" + value + "; Max-Age=" + maxAgeSeconds + "; Path=" + path + "; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }

    /** The secret the request's cookie holds, if it holds one. */
    static Optional<String> secretOf(HttpRequest<?> request) {
        return request.getCookies().findCookie(NAME).map(Cookie::getValue).flatMap(SignInCookie::secret);
    }

    /**
     * The cookie that carries a new token's secret from the create form's answer (a 303) to the one page that shows
     * it ({@code path}), so that a reload of that page posts nothing and makes no second token. Sent to that page
     * only, for a minute at most, and cleared by it ({@link #newSecretShown}): the secret is shown once.
     */
    static final String NEW_SECRET = "abkit_new_secret";
    static final Duration NEW_SECRET_LIFE = Duration.ofMinutes(1);

    static String newSecret(String path, String secret, boolean secure) {
        return cookie(NEW_SECRET, SignInCookie.value(secret), NEW_SECRET_LIFE.toSeconds(), path, secure);
    }

    static String newSecretShown(String path, boolean secure) {
        return cookie(NEW_SECRET, "", 0, path, secure);
    }

    static Optional<String> newSecretOf(HttpRequest<?> request) {
        return request.getCookies().findCookie(NEW_SECRET).map(Cookie::getValue).flatMap(SignInCookie::secret);
    }

    /**
     * Whether the browser reached us over HTTPS: directly, or through a proxy that terminated it and says so
     * in {@code X-Forwarded-Proto} (only a proxy in front of the server can set it where the browser's
     * request is concerned; a forged one only adds Secure, which costs nothing).
     */
    static boolean overHttps(HttpRequest<?> request) {
        String forwarded = request.getHeaders().get("X-Forwarded-Proto");
        return request.isSecure() || (forwarded != null && forwarded.split(",")[0].trim().equalsIgnoreCase("https"));
    }
}
