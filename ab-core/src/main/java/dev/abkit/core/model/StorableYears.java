package dev.abkit.core.model;

import java.time.Instant;

/**
 * The instants abkit takes from outside: the years 1 to 9999 (UTC), ISO-8601's four digits. Java reads instants far
 * beyond them ({@code +300000-01-01T00:00Z}), which PostgreSQL cannot store and date arithmetic near
 * {@link Instant#MAX} cannot take; refused where they come in, they are a 400 naming the field instead of a 500 deep
 * inside a use case.
 */
public final class StorableYears {

    /** What a refusal says, after the field's name. */
    public static final String RULE = "must lie in the years 0001 to 9999 (UTC)";

    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant AFTER_LAST = Instant.parse("+10000-01-01T00:00:00Z");

    private StorableYears() {
    }

    public static boolean contain(Instant instant) {
        return !instant.isBefore(FIRST) && instant.isBefore(AFTER_LAST);
    }
}
