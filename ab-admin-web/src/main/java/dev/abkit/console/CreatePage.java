package dev.abkit.console;

import io.micronaut.core.annotation.Introspected;

import java.util.List;

/**
 * The form that creates an experiment, or edits one (edit.html, made of create.html's fragments): every input
 * with what was entered and what is wrong with it.
 *
 * @param action        where the form posts
 * @param cancel        where its Cancel link leads
 * @param offered       which of its parts the form has (all of them but to edit a started experiment)
 * @param errors        how many fields are wrong (the page says so at its top)
 * @param rows          how many option rows the form has (sent back, so that "more rows" adds to them)
 * @param mayAddRows    whether the core would take more options than there are rows
 * @param optionsError  what is wrong with the options together (the same value twice, none at all, ...)
 * @param start         draft, now or scheduled
 */
@Introspected
public record CreatePage(Frame frame, String action, String cancel, Offered offered, int errors, Field key, List<OptionRow> options, int rows, boolean mayAddRows,
                         String optionsError, Field coverage, List<Choice> platforms, String platformsError,
                         Field minAppVersion, Field maxAppVersion, Field locales, Field countries,
                         boolean includeUnknown, String start, Field startAt, Field endAt, String endAction,
                         String endActionError) {

    /**
     * The parts of the form that its experiment's status lets change (the core's table, {@code EditableField}).
     *
     * @param hint what the edit form says of it at its top (null on the create form)
     * @param end  the end and its action
     */
    @Introspected
    public record Offered(String hint, boolean options, boolean audience, boolean coverage, boolean end) {
    }

    /** One row of the options table, numbered from 1 as a person counts. */
    @Introspected
    public record OptionRow(int number, Field value, Field weight) {
    }
}
