package dev.abkit.http.auth;

import dev.abkit.core.auth.AdminToken;
import dev.abkit.core.memory.InMemoryTokens;
import dev.abkit.core.service.TokenService;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Stands in for ab-server's composition root, which decides the admin token: in this module's tests
 * it is a known one, with personal tokens kept in memory.
 */
@Factory
public class KnownAdminToken {

    public static final String VALUE = "http-test-admin-token";

    /** The known token as the bootstrap admin, and personal tokens kept in memory. */
    @Singleton
    TokenService tokens() {
        return new TokenService(new InMemoryTokens(), AdminToken.of(VALUE), Clock.systemUTC(), new SecureRandom());
    }
}
