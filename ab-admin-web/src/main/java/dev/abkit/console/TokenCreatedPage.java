package dev.abkit.console;

import io.micronaut.core.annotation.Introspected;

/**
 * The page the create form leads to: the new token's secret, shown this once (abkit keeps only its digest), with
 * what it is for and when it expires; {@code secret} is null when the page is opened again.
 */
@Introspected
public record TokenCreatedPage(Frame frame, String name, String role, String expires, String secret) {

    /** Never the secret: a page model may end up in a log. */
    @Override
    public String toString() {
        return "TokenCreatedPage[" + name + ", " + role + ", secret hidden]";
    }
}
