package dev.abkit.console;

import io.micronaut.core.annotation.Introspected;

/**
 * The sign-in form.
 *
 * @param notice why the person is here (signed out, the token was revoked or expired), or null
 * @param error  why the token just entered was refused, or null
 * @param check  the form's check field ({@link SignInCheck}), also in the cookie that comes with the page
 */
@Introspected
public record SignInPage(String notice, String error, String check) {
}
