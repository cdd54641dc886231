package dev.abkit.console;

import io.micronaut.core.annotation.Introspected;

/** What every signed-in page shows around its content: who is signed in, and the sign-out form's check field. */
@Introspected
public record Frame(String name, String role, String csrf) {
}
