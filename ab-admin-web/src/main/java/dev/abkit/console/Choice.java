package dev.abkit.console;

import io.micronaut.core.annotation.Introspected;

/** One choice of a form: a checkbox, or an option of a select; {@code checked} is what is ticked or selected. */
@Introspected
public record Choice(String value, String label, boolean checked) {
}
