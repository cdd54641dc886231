package dev.abkit.http.auth;

import dev.abkit.core.auth.AdminToken;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * Stands in for ab-server's composition root, which decides the admin token: in this module's tests
 * it is a known one.
 */
@Factory
public class KnownAdminToken {

    public static final String VALUE = "http-test-admin-token";

    @Singleton
    AdminToken adminToken() {
        return AdminToken.of(VALUE);
    }
}
