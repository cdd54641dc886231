package dev.abkit.console;

import io.micronaut.core.annotation.Introspected;

import java.util.List;

/**
 * The personal tokens, for admins: each with its role and dates and a revoke button, and the form that creates
 * one. Never a secret, nor its digest: a secret is shown once, on {@link TokenCreatedPage}.
 *
 * @param notice what was just done (a token revoked), or null
 */
@Introspected
public record TokensPage(Frame frame, String notice, List<Row> tokens, CreateForm form) {

    /**
     * @param expires    when it expires, "never", or null
     * @param lastUsed   when it was last used (to the minute), or null if never
     * @param revoked    when it was revoked, or null
     * @param revokePath its revocation's confirmation page, or null once it is revoked
     */
    @Introspected
    public record Row(String id, String name, String role, String created, String expires, String lastUsed,
                      String revoked, String revokePath) {
    }

    /** @param errors how many fields are wrong (said at the form's top) */
    @Introspected
    public record CreateForm(int errors, Field name, List<Choice> roles, Field role, Field expiresIn) {
    }
}
