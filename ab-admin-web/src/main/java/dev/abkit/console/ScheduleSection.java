package dev.abkit.console;

import io.micronaut.core.annotation.Introspected;

/**
 * The form on a draft's or a scheduled experiment's page that schedules it (or moves its schedule): when it
 * starts and, optionally, when it ends, in UTC, with what is wrong next to each.
 *
 * @param action where the form posts
 */
@Introspected
public record ScheduleSection(Field startAt, Field endAt, String action) {
}
