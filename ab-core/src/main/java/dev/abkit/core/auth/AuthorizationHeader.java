package dev.abkit.core.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The token a request presents in its {@code Authorization} header, in the ways SPEC section 3
 * allows: {@code Bearer <token>} everywhere, and on the statistics also HTTP Basic with any user
 * name and the token as password, so that a browser can open the page. Reading only: whether the
 * token is the right one is {@link AdminToken#matches}.
 */
public final class AuthorizationHeader {

    private static final String BEARER = "Bearer ";
    private static final String BASIC = "Basic ";

    private AuthorizationHeader() {
    }

    /** The token of {@code Bearer <token>}; {@code null} for no header or another scheme. */
    public static String bearerToken(String authorization) {
        if (authorization == null || !startsWithIgnoringCase(authorization, BEARER)) {
            return null;
        }
        return authorization.substring(BEARER.length()).strip();
    }

    /** The Bearer token, or the password of Basic credentials (RFC 7617); {@code null} for anything else. */
    public static String bearerTokenOrBasicPassword(String authorization) {
        if (authorization == null || !startsWithIgnoringCase(authorization, BASIC)) {
            return bearerToken(authorization);
        }
        try {
            String credentials = new String(
                    Base64.getDecoder().decode(authorization.substring(BASIC.length()).strip()), StandardCharsets.UTF_8);
            int colon = credentials.indexOf(':');
            return colon < 0 ? null : credentials.substring(colon + 1);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static boolean startsWithIgnoringCase(String value, String prefix) {
        return value.regionMatches(true, 0, prefix, 0, prefix.length());
    }
}
