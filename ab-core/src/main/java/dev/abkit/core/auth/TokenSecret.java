package dev.abkit.core.auth;

import java.util.Base64;
import java.util.random.RandomGenerator;

/**
 * A personal token's secret, shown to its holder once: {@code abk_} and 256 random bits in URL-safe
 * Base64 (47 characters). The prefix makes a leaked token recognisable to secret scanners and tells
 * a personal token from the bootstrap {@code AB_ADMIN_TOKEN} without a lookup.
 */
public final class TokenSecret {

    public static final String PREFIX = "abk_";
    private static final int RANDOM_BYTES = 32;
    private static final int LENGTH = PREFIX.length() + 43;

    private TokenSecret() {
    }

    /** A new secret from {@code random}, which must be a cryptographically strong generator (SecureRandom). */
    public static String generate(RandomGenerator random) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code presented} has the shape of a personal token, so that looking it up can find something. */
    public static boolean looksLikeOne(String presented) {
        return presented.length() == LENGTH && presented.startsWith(PREFIX);
    }
}
