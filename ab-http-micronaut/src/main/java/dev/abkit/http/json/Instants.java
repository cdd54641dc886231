package dev.abkit.http.json;

import dev.abkit.http.problem.InvalidInputException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The wire form of an instant, in bodies, headers and query parameters: ISO-8601 text with an offset, written in UTC.
 *
 * <p>Years run from 1 to 9999, ISO-8601's four digits. Java also reads expanded years ({@code +300000-01-01T00:00Z}),
 * which PostgreSQL cannot store and date arithmetic near {@link Instant#MAX} cannot take: read here, they would be
 * 500s deep inside a use case rather than a 400 naming the field.
 */
public final class Instants {

    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant AFTER_LAST = Instant.parse("+10000-01-01T00:00:00Z");

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
        if (instant.isBefore(FIRST) || !instant.isBefore(AFTER_LAST)) {
            throw new InvalidInputException(field, "must lie in the years 0001 to 9999 (got " + text + ")");
        }
        return instant;
    }

    public static String format(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
