package dev.abkit.console;

import io.micronaut.core.annotation.Introspected;

import java.util.List;

/**
 * A page of an experiment's history: its changes from the audit trail, oldest first, and the links on.
 *
 * @param experiment the experiment's page
 * @param later      the next page, with the changes after this one's last, or null when this page ends them
 * @param first      the first page, or null on it
 */
@Introspected
public record HistoryPage(Frame frame, String key, String experiment, List<Change> changes, String later,
                          String first) {

    /** One change: when (UTC, to the second), who (token name and role, or scheduler/system), what, and what changed. */
    @Introspected
    public record Change(String at, String name, String role, String action, String summary) {
    }
}
