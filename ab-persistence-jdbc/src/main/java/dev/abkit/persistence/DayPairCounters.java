package dev.abkit.persistence;

import dev.abkit.core.model.Assignment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * What one device's batch adds to the day-pair counters (V18) of the options it counts in: {@code day_pair_count}
 * of every option it holds, {@code exposed_day_pair_count} of those it was exposed to,
 * written into a {@link Script} in one order (experiment, metric, second day, first day, option), so that two
 * batches that share a stripe wait for each other at most, never in a circle. As {@link MetricCounters}:
 * PostgreSQL takes the changes as one multi-row upsert, H2 creates missing rows empty and then updates each.
 */
final class DayPairCounters {

    /**
     * One metric's days of one device before and after a batch, for the options it counts in: every option the
     * device holds (all devices), or the option of one experiment it was exposed to (its days from the exposure).
     */
    record Change(List<Assignment> options, String metric, DeviceDays before, DeviceDays after) {
    }

    /** The counters of all devices, and those of the exposed devices, from their exposure on. */
    enum Table {
        ALL("day_pair_count"), EXPOSED("exposed_day_pair_count");

        private final String name;

        Table(String name) {
            this.name = name;
        }
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

    /** Adds the changes to the stripe's rows of {@code table}; options hold a value (a left-out device counts nowhere). */
    static void add(Script script, DatabaseKind kind, Table table, List<Change> changes, int stripe) {
        List<Row> rows = new ArrayList<>();
        for (Change change : changes) {
            SortedMap<DeviceDays.Cell, DeviceDays.CellDelta> cells = change.before().cellsChangedTo(change.after());
            for (Assignment assignment : change.options()) {
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
            upsert(script, table, rows, stripe);
        } else {
            createThenUpdate(script, table, rows, stripe);
        }
    }

    private static void upsert(Script script, Table table, List<Row> rows, int stripe) {
        List<Object[]> values = new ArrayList<>();
        for (Row row : rows) {
            values.add(new Object[] {row.assignment().experiment().value(), row.metric(), row.cell().second(),
                    row.cell().first(), row.assignment().value(), stripe, row.delta().devices(), row.delta().valued(),
                    row.delta().total(), row.delta().product()});
        }
        script.writeRows("insert into " + table.name + " as c (experiment_key, metric, second_day, first_day,"
                        + " option_value, stripe, devices, valued, total, product) values ", "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                " on conflict (experiment_key, metric, second_day, first_day, option_value, stripe) do update"
                        + " set devices = c.devices + excluded.devices, valued = c.valued + excluded.valued,"
                        + " total = c.total + excluded.total, product = c.product + excluded.product", values);
    }

    private static void createThenUpdate(Script script, Table table, List<Row> rows, int stripe) {
        for (Row row : rows) {
            script.write("insert into " + table.name + " (experiment_key, metric, second_day, first_day, option_value,"
                            + " stripe, devices, valued, total, product) values (?, ?, ?, ?, ?, ?, 0, 0, 0, 0)"
                            + " on conflict do nothing", row.assignment().experiment().value(), row.metric(),
                    row.cell().second(), row.cell().first(), row.assignment().value(), stripe);
        }
        for (Row row : rows) {
            script.write("update " + table.name + " set devices = devices + ?, valued = valued + ?, total = total + ?,"
                            + " product = product + ? where experiment_key = ? and metric = ? and second_day = ?"
                            + " and first_day = ? and option_value = ? and stripe = ?",
                    row.delta().devices(), row.delta().valued(), row.delta().total(), row.delta().product(),
                    row.assignment().experiment().value(), row.metric(), row.cell().second(), row.cell().first(),
                    row.assignment().value(), stripe);
        }
    }
}
