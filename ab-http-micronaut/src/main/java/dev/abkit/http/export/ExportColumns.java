package dev.abkit.http.export;

import dev.abkit.core.export.AssignmentRow;
import dev.abkit.core.export.EventRow;
import dev.abkit.core.export.HistoryRow;

import java.util.List;
import java.util.Locale;

/**
 * The columns of each export and a row's fields in them (docs/api.md). Instants are ISO-8601 UTC, booleans
 * {@code true}/{@code false}, absent values empty fields; names are the same in every export (device, option).
 */
public final class ExportColumns {

    public static final List<String> ASSIGNMENTS =
            List.of("device", "option", "slot", "block", "enrolled_at", "overridden", "left_out");
    public static final List<String> HISTORY = List.of("at", "kind", "experiment", "device", "option");
    public static final List<String> EVENTS =
            List.of("device", "id", "name", "occurred_at", "received_at", "value", "properties");

    private ExportColumns() {
    }

    public static Object[] of(AssignmentRow row) {
        return new Object[]{row.device().value(), row.option(), row.slot(), row.block(), row.enrolledAt(),
                row.overridden(), row.isLeftOut()};
    }

    public static Object[] of(HistoryRow row) {
        return new Object[]{row.at(), row.kind().name().toLowerCase(Locale.ROOT), row.experiment().value(),
                row.device().value(), row.option()};
    }

    public static Object[] of(EventRow row) {
        return new Object[]{row.event().device().value(), row.event().id().value(), row.event().metric().value(),
                row.event().at(), row.receivedAt(), row.event().value() == null ? null : row.event().value().amount(),
                row.event().properties() == null ? null : row.event().properties().json()};
    }
}
