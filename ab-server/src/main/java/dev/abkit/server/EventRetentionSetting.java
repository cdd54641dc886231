package dev.abkit.server;

import dev.abkit.core.event.EventTime;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * {@code AB_EVENTS_RETENTION} ({@code abkit.events.retention}): how long raw events and their ids are kept,
 * a number of days ({@code 180}) or an ISO-8601 duration ({@code P180D}); at least 30 days. Read when
 * the storage is built, at start-up, so that a value that is neither stops the start with one line.
 */
@Singleton
final class EventRetentionSetting {

    static final String VARIABLE = "AB_EVENTS_RETENTION";

    /** A century: longer has no use, and an absurd one (P400000000000D) broke the date arithmetic of every window. */
    static final Duration LONGEST = Duration.ofDays(36_500);

    private final Duration retention;

    EventRetentionSetting(@Value("${abkit.events.retention:180}") String value) {
        this.retention = parse(value.strip());
    }

    Duration retention() {
        return retention;
    }

    private static Duration parse(String value) {
        Duration parsed;
        try {
            parsed = value.matches("[0-9]{1,6}") ? Duration.ofDays(Long.parseLong(value)) : Duration.parse(value);
        } catch (DateTimeParseException notADuration) {
            throw mistake(value);
        }
        if (parsed.compareTo(LONGEST) > 0) {
            throw mistake(value);
        }
        try {
            return EventTime.requireLongEnough(parsed);
        } catch (IllegalArgumentException tooShort) {
            throw mistake(value);
        }
    }

    private static ConfigurationMistake mistake(String value) {
        return new ConfigurationMistake(VARIABLE + " is " + value + "; set it to a number of days (180) or an"
                + " ISO-8601 duration (P180D) of at least " + EventTime.SHORTEST_RETENTION.toDays() + " days, as long"
                + " as an exposure may be late, and at most " + LONGEST.toDays() + " (a century), or leave it unset"
                + " for 180 days", null);
    }
}
