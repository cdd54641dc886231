package dev.abkit.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The sign-in form's check field, where there is no token yet to derive {@link CsrfField} from: a random value
 * the sign-in page puts both in a cookie of its own and in the form, which a sign-in must bring back in both
 * (a double-submit). Another site's page can neither read the value nor make the browser send the cookie with
 * its POST (SameSite=Strict), so it cannot sign a person's browser in as someone else ("login CSRF"). Stateless:
 * any instance checks it.
 */
final class SignInCheck {

    static final String COOKIE = "abkit_sign_in";
    private static final long LIFE_SECONDS = 3600;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SignInCheck() {
    }

    /**
     * The value for a sign-in page to hand out: the one the browser holds already, so that two sign-in pages open in
     * two tabs both work; else a new one.
     */
    static String valueFor(HttpRequest<?> request) {
        return request.getCookies().findCookie(COOKIE).map(Cookie::getValue).filter(value -> value.matches("[0-9a-f]{64}"))
                .orElseGet(SignInCheck::newValue);
    }

    /** A new value for a sign-in page to hand out. */
    static String newValue() {
        byte[] value = new byte[32];
        RANDOM.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    /** The {@code Set-Cookie} value that goes with a sign-in page carrying {@code value}: for the sign-in path only. */
    static String cookie(String value, boolean secure) {
        return COOKIE + "=" + value + "; Max-Age=" + LIFE_SECONDS + "; Path=" + Paths.SIGN_IN
                + "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    /** Whether the sign-in brought back, in the form and in the cookie, the same value; in constant time. */
    static boolean passed(HttpRequest<?> request, FormFields form) {
        String sent = form.text(CsrfField.NAME);
        String kept = request.getCookies().findCookie(COOKIE).map(Cookie::getValue).orElse("");
        return !sent.isEmpty() && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                kept.getBytes(StandardCharsets.UTF_8));
    }
}
