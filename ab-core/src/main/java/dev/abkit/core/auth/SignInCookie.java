package dev.abkit.core.auth;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The cookie a browser signed in to the admin console holds: the token's secret itself (decision 20),
 * percent-encoded, since a bootstrap token ({@code AB_ADMIN_TOKEN}) may hold characters a cookie value may not.
 * The console writes it for its own paths and for the statistics', whose filter reads it too, so that the
 * console's link to an experiment's results opens without a second sign-in. Reading and writing the value only:
 * whether its token signs in is {@link dev.abkit.core.port.in.AuthenticateToken}'s, as for the header.
 */
public final class SignInCookie {

    public static final String NAME = "abkit_console";

    private SignInCookie() {
    }

    /** The cookie's value for {@code secret}. */
    public static String value(String secret) {
        return URLEncoder.encode(secret, StandardCharsets.UTF_8);
    }

    /** The secret a cookie's value holds; empty for an empty value (signed out) or one that is not percent-encoded. */
    public static Optional<String> secret(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(URLDecoder.decode(value, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }
}
