package dev.abkit.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hidden field every console form carries against cross-site request forgery: the hex SHA-256 of the
 * signed-in token's secret and {@code ":csrf"}. A page of another site cannot read it (it does not have the
 * secret, and the same-origin policy hides the console's pages from it), the console needs no table to check
 * it, and it tells nothing about the secret. The cookie's SameSite=Strict is the second line (decision 20).
 */
final class CsrfField {

    static final String NAME = "csrf";

    private static final String PURPOSE = ":csrf";

    private CsrfField() {
    }

    static String of(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((secret + PURPOSE).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** In constant time, so that the time taken tells nothing about how much of a guess was right. */
    static boolean matches(String secret, String presented) {
        return presented != null && MessageDigest.isEqual(of(secret).getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
