package dev.abkit.console;

import io.micronaut.core.annotation.Introspected;

import java.util.List;

/**
 * The page between a lifecycle button and the change: what will happen to devices, and the form that does it.
 *
 * @param consequence what happens to devices, in a sentence
 * @param action      where the form posts
 * @param error       why the change cannot be made (the experiment's status does not allow it, perhaps since
 *                    the page was opened), or null; the form is then not offered
 * @param carried     the fields the form sends on besides its check field
 */
@Introspected
public record ConfirmPage(Frame frame, String key, String call, String title, String consequence, String button,
                          String action, String back, String error, List<Carried> carried) {

    /** A field the confirming form sends on, as it was entered on the form before (a schedule's times). */
    @Introspected
    public record Carried(String name, String value) {
    }

    /** A confirmation whose form sends nothing but its check field. */
    public ConfirmPage(Frame frame, String key, String call, String title, String consequence, String button,
                       String action, String back, String error) {
        this(frame, key, call, title, consequence, button, action, back, error, List.of());
    }

    ConfirmPage withError(String reason) {
        return new ConfirmPage(frame, key, call, title, consequence, button, action, back, reason, carried);
    }

    /** Whether the form that makes the change is offered. */
    public boolean possible() {
        return error == null;
    }
}
