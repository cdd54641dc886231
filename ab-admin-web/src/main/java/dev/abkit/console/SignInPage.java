package dev.abkit.console;

import io.micronaut.core.annotation.Introspected;

/**
 * The sign-in form.
 *
 * @param notice why the person is here (signed out, the token was revoked or expired), or null
 * @param error  why the token just entered was refused, or null
 */
@Introspected
public record SignInPage(String notice, String error) {
}
