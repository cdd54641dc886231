package dev.abkit.persistence;

import dev.abkit.core.event.EventTime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * How long raw events and their ids are kept: whole UTC days of receipt, so that PostgreSQL drops a day's
 * partition at once. The oldest day kept is the one that holds the instant {@code retention} ago; an event
 * whose corrected time is on or after that day's start was received then or later, so it is still there.
 */
record EventRetention(Duration retention, Clock clock) {

    static final Duration DEFAULT = Duration.ofDays(180);

    EventRetention {
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(clock, "clock");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("the event retention must be positive (got " + retention + ")");
        }
    }

    /**
     * The retention an embedder or the server asks for, refused when shorter than the core's
     * {@link EventTime#SHORTEST_RETENTION} (tests of the dropping itself make shorter ones directly).
     */
    static EventRetention atLeastTheShortest(Duration retention) {
        return new EventRetention(EventTime.requireLongEnough(retention), Clock.systemUTC());
    }

    /** The first day whose events are kept. */
    LocalDate firstKeptDay() {
        return Timestamps.utcDay(clock.instant().minus(retention));
    }

    Instant keptSince() {
        return Timestamps.startOf(firstKeptDay());
    }
}
