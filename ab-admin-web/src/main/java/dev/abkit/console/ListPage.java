package dev.abkit.console;

import io.micronaut.core.annotation.Introspected;

import java.util.List;

/**
 * The experiments, newest last as the core lists them, filtered by status.
 *
 * @param mayCreate    whether the person's role may create experiments (else no button is offered)
 * @param showsDevices whether the person's role may read the statistics, whose counts the list then shows
 */
@Introspected
public record ListPage(Frame frame, List<Row> experiments, List<StatusChoice> statuses, boolean filtered,
                       boolean mayCreate, boolean showsDevices) {

    /** @param devices the enrolled devices now, or null where the role may not read statistics */
    @Introspected
    public record Row(String key, String path, String status, String statusClass, String schedule, String coverage,
                      String devices) {
    }

    /** One choice of the status filter; the empty value is "every status". */
    @Introspected
    public record StatusChoice(String value, String label, boolean selected) {
    }
}
