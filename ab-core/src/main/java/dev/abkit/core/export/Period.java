package dev.abkit.core.export;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * A half-open span of time, {@code [from, to)}: an instant at {@code from} is in it, one at {@code to} is not,
 * so consecutive periods never count a row twice. Either end may be open (empty): unbounded on that side.
 */
public record Period(Optional<Instant> from, Optional<Instant> to) {

    /** Every instant. */
    public static final Period ALWAYS = new Period(Optional.empty(), Optional.empty());

    public Period {
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new IllegalArgumentException("from (" + from.get() + ") must come before to (" + to.get() + ")");
        }
    }

    /** A calendar month in UTC: from its first instant to the first instant of the next month. */
    public static Period month(YearMonth month) {
        return new Period(Optional.of(month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant()),
                Optional.of(month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
    }

    public boolean contains(Instant instant) {
        return from.map(start -> !instant.isBefore(start)).orElse(true)
                && to.map(end -> instant.isBefore(end)).orElse(true);
    }
}
