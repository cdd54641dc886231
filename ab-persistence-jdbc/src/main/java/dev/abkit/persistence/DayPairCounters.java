package dev.abkit.persistence;

import dev.abkit.core.model.Assignment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * What one device's batch adds to the day-pair counters {@code day_pair_count} (V18) of every option it holds,
 * written into a {@link Script} in one order (experiment, metric, second day, first day, option), so that two
 * batches that share a stripe wait for each other at most, never in a circle. As {@link MetricCounters}:
 * PostgreSQL takes the changes as one multi-row upsert, H2 creates missing rows empty and then updates each.
 */
final class DayPairCounters {

    /** One metric's days of one device before and after a batch. */
    record Change(String metric, DeviceDays before, DeviceDays after) {
    }

    private record Row(Assignment assignment, String metric, DeviceDays.Cell cell, DeviceDays.CellDelta delta) {
    }

    private static final Comparator<Row> IN_ROW_ORDER = Comparator
            .comparing((Row row) -> row.assignment().experiment())
            .thenComparing(Row::metric)
            .thenComparing(Row::cell)
            .thenComparing(row -> row.assignment().value());

    private DayPairCounters() {
    }

    /** @param assignments the device's assignments with a value (a left-out device counts nowhere) */
    static void add(Script script, DatabaseKind kind, List<Assignment> assignments, List<Change> changes, int stripe) {
        List<Row> rows = new ArrayList<>();
        for (Change change : changes) {
            SortedMap<DeviceDays.Cell, DeviceDays.CellDelta> cells = change.before().cellsChangedTo(change.after());
            for (Assignment assignment : assignments) {
                for (Map.Entry<DeviceDays.Cell, DeviceDays.CellDelta> cell : cells.entrySet()) {
                    rows.add(new Row(assignment, change.metric(), cell.getKey(), cell.getValue()));
                }
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        rows.sort(IN_ROW_ORDER);
        if (kind == DatabaseKind.POSTGRESQL) {
            upsert(script, rows, stripe);
        } else {
            createThenUpdate(script, rows, stripe);
        }
    }

    private static void upsert(Script script, List<Row> rows, int stripe) {
        List<Object> values = new ArrayList<>();
        for (Row row : rows) {
            Collections.addAll(values, row.assignment().experiment().value(), row.metric(), row.cell().second(),
                    row.cell().first(), row.assignment().value(), stripe, row.delta().devices(), row.delta().valued(),
                    row.delta().total(), row.delta().product());
        }
        script.write("insert into day_pair_count as c (experiment_key, metric, second_day, first_day, option_value,"
                + " stripe, devices, valued, total, product) values "
                + String.join(", ", Collections.nCopies(rows.size(), "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"))
                + " on conflict (experiment_key, metric, second_day, first_day, option_value, stripe) do update"
                + " set devices = c.devices + excluded.devices, valued = c.valued + excluded.valued,"
                + " total = c.total + excluded.total, product = c.product + excluded.product", values.toArray());
    }

    private static void createThenUpdate(Script script, List<Row> rows, int stripe) {
        for (Row row : rows) {
            script.write("insert into day_pair_count (experiment_key, metric, second_day, first_day, option_value,"
                            + " stripe, devices, valued, total, product) values (?, ?, ?, ?, ?, ?, 0, 0, 0, 0)"
                            + " on conflict do nothing", row.assignment().experiment().value(), row.metric(),
                    row.cell().second(), row.cell().first(), row.assignment().value(), stripe);
        }
        for (Row row : rows) {
            script.write("update day_pair_count set devices = devices + ?, valued = valued + ?, total = total + ?,"
                            + " product = product + ? where experiment_key = ? and metric = ? and second_day = ?"
                            + " and first_day = ? and option_value = ? and stripe = ?",
                    row.delta().devices(), row.delta().valued(), row.delta().total(), row.delta().product(),
                    row.assignment().experiment().value(), row.metric(), row.cell().second(), row.cell().first(),
                    row.assignment().value(), stripe);
        }
    }
}
