package dev.abkit.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 digest of a personal token's secret: all that is stored of it. A plain hash suffices,
 * no slow password hash, because the secret is 256 random bits that nobody can guess or enumerate
 * (decision 16). Compared in constant time.
 */
public final class TokenDigest {

    private static final HexFormat HEX = HexFormat.of();
    private final byte[] bytes;

    private TokenDigest(byte[] bytes) {
        if (bytes.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes (got " + bytes.length + ")");
        }
        this.bytes = bytes;
    }

    /** The digest of a presented or generated secret. */
    public static TokenDigest of(String secret) {
        try {
            return new TokenDigest(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** A stored digest, as {@link #hex()} wrote it. */
    public static TokenDigest ofHex(String hex) {
        return new TokenDigest(HEX.parseHex(hex));
    }

    public String hex() {
        return HEX.formatHex(bytes);
    }

    /** Constant time, whatever the two digests hold. */
    public boolean matches(TokenDigest other) {
        return MessageDigest.isEqual(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TokenDigest digest && matches(digest);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "TokenDigest[hidden]";
    }
}
