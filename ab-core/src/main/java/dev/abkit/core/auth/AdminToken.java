package dev.abkit.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The admin token ({@code AB_ADMIN_TOKEN}). Only its SHA-256 digest is kept; {@link #matches}
 * compares digests in constant time, so neither the content nor the length of the token leaks
 * through response times. Which token to use, and generating one when none is configured, is the
 * composition root's decision.
 */
public final class AdminToken {

    private final byte[] digest;

    private AdminToken(byte[] digest) {
        this.digest = digest;
    }

    public static AdminToken of(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("admin token must not be blank");
        }
        // It travels in an Authorization header (Bearer, or Basic as a password): any other character
        // could never be presented, so such a token would lock everyone out.
        if (!token.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new IllegalArgumentException("admin token must be visible ASCII characters without spaces");
        }
        return new AdminToken(sha256(token));
    }

    /** Whether {@code presented} is the admin token. Constant time for any input; {@code null} never matches. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    /** Never the token: this object ends up in logs and debuggers. */
    @Override
    public String toString() {
        return "AdminToken[hidden]";
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
