package dev.abkit.console;

import dev.abkit.core.model.Audience;
import dev.abkit.core.model.EndAction;
import dev.abkit.core.model.Lifecycle;
import dev.abkit.core.model.Platform;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** How the console writes the core's values for a person: times in UTC to the minute, schedules and audiences in words. */
final class Shown {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Shown() {
    }

    static String time(Instant instant) {
        return MINUTE.format(instant);
    }

    /** To the second, where two changes a minute apart must read apart (the history). */
    static String second(Instant instant) {
        return SECOND.format(instant);
    }

    /** The CSS class of a status badge: {@code running}, {@code stopped}, ... */
    static String statusClass(Enum<?> status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    /** Where it is in its life, in words: when it started or starts, and what its end does when. */
    static String schedule(Lifecycle lifecycle) {
        String now = switch (lifecycle.status()) {
            case DRAFT -> "not started";
            case SCHEDULED -> "starts " + time(lifecycle.startAt());
            case RUNNING -> "running since " + time(lifecycle.startedAt());
            case CLOSED -> "enrolment closed; started " + time(lifecycle.startedAt());
            case STOPPED -> lifecycle.startedAt() == null ? "stopped before it started"
                    : "stopped; started " + time(lifecycle.startedAt());
        };
        if (lifecycle.endAt() == null || lifecycle.status() == dev.abkit.core.model.ExperimentStatus.STOPPED) {
            return now;
        }
        return now + " · " + (lifecycle.endAction() == EndAction.CLOSE ? "closes " : "stops ") + time(lifecycle.endAt());
    }

    /** The rules of an audience in one line; "everyone" without rules. */
    static String audience(Audience audience) {
        if (audience.isEveryone()) {
            return "everyone";
        }
        List<String> rules = new ArrayList<>();
        if (audience.platforms() != null) {
            rules.add(joined(audience.platforms(), Platform::text));
        }
        if (audience.minAppVersion() != null) {
            rules.add("app ≥ " + audience.minAppVersion().value());
        }
        if (audience.maxAppVersion() != null) {
            rules.add("app < " + audience.maxAppVersion().value());
        }
        if (audience.locales() != null) {
            rules.add("locales " + joined(audience.locales(), locale -> locale.value()));
        }
        if (audience.countries() != null) {
            rules.add("countries " + joined(audience.countries(), country -> country.value()));
        }
        rules.add(audience.includeUnknown() ? "unknown included" : "unknown excluded");
        return String.join(" · ", rules);
    }

    private static <T> String joined(List<T> values, Function<T, String> text) {
        return values.stream().map(text).collect(Collectors.joining(", "));
    }
}
