package dev.abkit.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The console's sign-in: a cookie holding the token's secret itself, so that every request is authenticated
 * the way the API's are and any instance can answer it, with no session table (decision 20). HttpOnly (no
 * script reads it), SameSite=Strict (no other site's page sends it), Path=/admin (no other path receives it),
 * Secure when the request came over HTTPS, and gone after 12 hours or at the token's expiry if sooner.
 */
final class ConsoleCookie {

    static final String NAME = "abkit_console";
    static final String PATH = "/admin";
    static final Duration LONGEST = Duration.ofHours(12);

    private static final String ATTRIBUTES = "; Path=" + PATH + "; HttpOnly; SameSite=Strict";

    private ConsoleCookie() {
    }

    /**
     * The {@code Set-Cookie} value that signs in. The secret is percent-encoded: a bootstrap token
     * ({@code AB_ADMIN_TOKEN}) may hold characters a cookie value may not.
     */
    static String signIn(String secret, boolean secure, Instant now, Optional<Instant> tokenExpiresAt) {
        Duration life = tokenExpiresAt.map(expiry -> Duration.between(now, expiry))
                .filter(untilExpiry -> untilExpiry.compareTo(LONGEST) < 0).orElse(LONGEST);
        long seconds = Math.max(1, life.toSeconds());
        return NAME + "=" + URLEncoder.encode(secret, StandardCharsets.UTF_8) + "; Max-Age=" + seconds + ATTRIBUTES
                + (secure ? "; Secure" : "");
    }

    /** The {@code Set-Cookie} value that signs out: the same cookie, empty and already expired. */
    static String signOut(boolean secure) {
        return NAME + "=; Max-Age=0" + ATTRIBUTES + (secure ? "; Secure" : "");
    }

    /** The secret the request's cookie holds, if it holds one. */
    static Optional<String> secretOf(HttpRequest<?> request) {
        return request.getCookies().findCookie(NAME).map(Cookie::getValue).filter(value -> !value.isEmpty())
                .map(value -> {
                    try {
                        return URLDecoder.decode(value, StandardCharsets.UTF_8);
                    } catch (IllegalArgumentException malformed) {
                        return null;
                    }
                });
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
