package dev.abkit.http.auth;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The admin token ({@code AB_ADMIN_TOKEN}). When none is configured a random one is generated and
 * logged once at start-up, so a quick start still has a protected admin API. Only its SHA-256
 * digest is kept; {@link #matches} compares digests in constant time, so neither the content nor
 * the length of the token leaks through response times. Created at start-up ({@code @Context}), so a
 * generated token is in the log before the first request.
 */
@Context
public final class AdminToken {

    private static final Logger LOG = LoggerFactory.getLogger(AdminToken.class);

    private final byte[] digest;

    public AdminToken(@Value("${abkit.admin-token:}") String configured) {
        String token = configured == null ? "" : configured.strip();
        if (token.isEmpty()) {
            token = generate();
            LOG.warn("AB_ADMIN_TOKEN is not set; this run's admin token is {} (set AB_ADMIN_TOKEN to choose one)", token);
        }
        this.digest = sha256(token);
    }

    /** Whether {@code presented} is the admin token. Constant time for any input. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    static String generate() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
