package dev.abkit.core.port.in;

import dev.abkit.core.export.HistoryRow;

import java.time.YearMonth;
import java.util.function.Consumer;

/** The monthly history of the segmentation service: who entered which experiment's option, and whose ended. */
public interface ExportHistory {

    /**
     * Hands {@code sink} the month's history (UTC): first one row per enrolment of a device that month (left-out
     * devices entered nothing), in the order of enrolment; then, for each experiment that ended (closed or
     * stopped) that month, in the order of the ends, one row per device enrolled in it, whenever it enrolled.
     */
    void history(YearMonth month, Consumer<HistoryRow> sink);
}
