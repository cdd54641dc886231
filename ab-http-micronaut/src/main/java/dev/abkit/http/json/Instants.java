package dev.abkit.http.json;

import dev.abkit.core.model.StorableYears;
import dev.abkit.http.problem.InvalidInputException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The wire form of an instant, in bodies, headers and query parameters: ISO-8601 text with an offset, written in UTC,
 * in the years the core takes ({@link StorableYears}).
 */
public final class Instants {

    private Instants() {
    }

    /**
     * @param field the body member, header or query parameter the text came from, named in the 400
     * @return the instant, to the microsecond that the databases keep (finer digits are dropped),
     * or null for null
     */
    public static Instant parse(String field, String text) {
        if (text == null) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(text).truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be an ISO-8601 instant with its offset, such as"
                    + " 2026-12-24T18:00:00Z or 2026-12-24T19:00:00+01:00 (in a query string, the + as %2B)");
        }
        if (!StorableYears.contain(instant)) {
            throw new InvalidInputException(field, StorableYears.RULE + " (got " + text + ")");
        }
        return instant;
    }

    public static String format(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
