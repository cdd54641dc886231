package dev.abkit.server;

import dev.abkit.core.auth.AdminToken;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The one admin token of this server, which both web adapters check on their own paths:
 * {@code abkit.admin-token} ({@code AB_ADMIN_TOKEN}), or when that is unset a random one, generated
 * and logged once, so that a quick start still has a protected admin API. Created at start-up
 * ({@code @Context}), so a generated token is in the log before the first request.
 */
@Factory
final class AdminTokenFactory {

    private static final Logger LOG = LoggerFactory.getLogger(AdminTokenFactory.class);

    @Context
    AdminToken adminToken(@Value("${abkit.admin-token:}") String configured) {
        String token = configured == null ? "" : configured.strip();
        if (token.isEmpty()) {
            token = generated();
            LOG.warn("AB_ADMIN_TOKEN is not set; this run's admin token is {} (set AB_ADMIN_TOKEN to choose one)", token);
        }
        try {
            return AdminToken.of(token);
        } catch (IllegalArgumentException unusable) {
            throw new ConfigurationMistake("AB_ADMIN_TOKEN is not usable: " + unusable.getMessage()
                    + "; set AB_ADMIN_TOKEN to such a token, or unset it for a generated one", unusable);
        }
    }

    /** 256 random bits, URL-safe so that it can be pasted into a header, a URL or a shell. */
    static String generated() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
