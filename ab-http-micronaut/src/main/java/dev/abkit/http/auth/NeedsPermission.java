package dev.abkit.http.auth;

import dev.abkit.core.auth.Permission;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permission an admin endpoint needs; {@link AdminTokenFilter} reads it from the matched route and
 * answers 403 to a role without it. An admin route without one is for admins only, and ab-server's
 * table of every role against every endpoint fails until it has a row.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface NeedsPermission {

    Permission value();
}
