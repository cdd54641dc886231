package dev.abkit.console;

import io.micronaut.core.annotation.Introspected;

/**
 * One input of a form as the person filled it in, and what is wrong with it, if anything, shown next to it.
 *
 * @param name  the input's name, which is also how the admin API names the field in its problems
 *              ({@code key}, {@code options[1].weight}, {@code audience.minAppVersion}, ...)
 * @param value what was entered, shown again after an error
 * @param error what to change, or null
 */
@Introspected
public record Field(String name, String value, String error) {

    /** The element id: the name with its brackets and dots made dashes ({@code options-1-weight}). */
    public String id() {
        return name.replaceAll("[\\[\\].]+", "-").replaceAll("-$", "");
    }

    /** The id of the error's element, which the input names as its description. */
    public String errorId() {
        return id() + "-error";
    }
}
