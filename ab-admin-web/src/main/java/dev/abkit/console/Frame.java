package dev.abkit.console;

import io.micronaut.core.annotation.Introspected;

/**
 * What every signed-in page shows around its content: who is signed in, the sign-out form's check field, and
 * the top bar's links, each only for a role that may open its page (what a role may not do is not offered).
 */
@Introspected
public record Frame(String name, String role, String csrf, boolean experiments, boolean overrides, boolean devices,
                    boolean tokens) {
}
