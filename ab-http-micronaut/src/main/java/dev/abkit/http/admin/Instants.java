package dev.abkit.http.admin;

import dev.abkit.core.model.EndAction;
import dev.abkit.http.problem.InvalidInputException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** The wire forms of a schedule's fields: instants as ISO-8601 UTC text, end actions by name. */
final class Instants {

    private Instants() {
    }

    /**
     * @return the instant, to the microsecond that the databases keep (finer digits are dropped),
     * or null for null
     */
    static Instant parse(String field, String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text).truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be an ISO-8601 instant in UTC such as 2026-12-24T18:00:00Z");
        }
    }

    static String format(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** @return the end action, or null for null */
    static EndAction endAction(String text) {
        if (text == null) {
            return null;
        }
        try {
            return EndAction.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("endAction", "must be CLOSE or STOP");
        }
    }
}
