package dev.abkit.persistence;

import dev.abkit.core.model.Assignment;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;

/**
 * What one device's batch adds to the whole-life counters {@code metric_count} and {@code metric_day_count}
 * of every option it holds, written into a {@link Script}. Every transaction changes the rows in the same
 * order (experiment, metric, day, option), so that two batches that share a stripe wait for each other at
 * most, never in a circle. PostgreSQL takes each table's changes as one multi-row upsert; H2, which has
 * no {@code on conflict (...) do update}, creates missing rows empty and then updates each.
 */
final class MetricCounters {

    /** One metric's figures of one device before and after a batch. */
    record Change(String metric, DeviceMetric before, DeviceMetric after, MetricBatch batch) {
    }

    /** What one device's change of one metric adds to the counters of the option it holds. */
    record Delta(Assignment assignment, String metric, long converters, long valued, double total, double totalSq) {

        static Delta of(Assignment assignment, Change change) {
            double before = change.before().total();
            double after = change.after().total();
            return new Delta(assignment, change.metric(), change.before().converted() ? 0 : 1, change.batch().valued(),
                    change.batch().total(), after * after - before * before);
        }
    }

    /** The whole-life counters of all devices, and those of the exposed devices (V15). */
    enum Table {
        ALL("metric_count"), EXPOSED("exposed_metric_count");

        private final String name;

        Table(String name) {
            this.name = name;
        }
    }

    private record DayMove(Assignment assignment, String metric, LocalDate day, long converters) {
    }

    private static final Comparator<Assignment> BY_KEY = Comparator.comparing(Assignment::experiment);

    private MetricCounters() {
    }

    /**
     * @param assignments the device's assignments with a value (a left-out device counts nowhere)
     * @param changes     per metric, in name order
     */
    static void add(Script script, DatabaseKind kind, List<Assignment> assignments, SortedMap<String, Change> changes,
                    int stripe) {
        List<Assignment> sorted = new ArrayList<>(assignments);
        sorted.sort(BY_KEY);
        List<Delta> deltas = new ArrayList<>();
        List<DayMove> moves = new ArrayList<>();
        for (Assignment assignment : sorted) {
            for (Change change : changes.values()) {
                deltas.add(Delta.of(assignment, change));
                moves.addAll(dayMoves(assignment, change));
            }
        }
        moves.sort(Comparator.comparing(DayMove::assignment, BY_KEY).thenComparing(DayMove::metric)
                .thenComparing(DayMove::day));
        add(script, kind, Table.ALL, deltas, stripe);
        if (moves.isEmpty()) {
            return;
        }
        if (kind == DatabaseKind.POSTGRESQL) {
            upsertDays(script, moves, stripe);
        } else {
            createThenUpdateDays(script, moves, stripe);
        }
    }

    /** Adds {@code deltas}, in (experiment, metric, option) order, to the stripe's rows of {@code table}. */
    static void add(Script script, DatabaseKind kind, Table table, List<Delta> deltas, int stripe) {
        if (deltas.isEmpty()) {
            return;
        }
        if (kind == DatabaseKind.POSTGRESQL) {
            upsert(script, table, deltas, stripe);
        } else {
            createThenUpdate(script, table, deltas, stripe);
        }
    }

    private static void upsert(Script script, Table table, List<Delta> deltas, int stripe) {
        List<Object[]> values = new ArrayList<>();
        for (Delta delta : deltas) {
            values.add(new Object[] {delta.assignment().experiment().value(), delta.metric(), delta.assignment().value(),
                    stripe, delta.converters(), delta.valued(), delta.total(), delta.totalSq()});
        }
        script.writeRows("insert into " + table.name + " as c (experiment_key, metric, option_value, stripe, converters,"
                + " valued, total, total_sq) values ", "(?, ?, ?, ?, ?, ?, ?, ?)",
                " on conflict (experiment_key, metric, option_value, stripe) do update"
                + " set converters = c.converters + excluded.converters, valued = c.valued + excluded.valued,"
                + " total = c.total + excluded.total, total_sq = c.total_sq + excluded.total_sq", values);
    }

    private static void upsertDays(Script script, List<DayMove> moves, int stripe) {
        List<Object[]> days = new ArrayList<>();
        for (DayMove move : moves) {
            days.add(new Object[] {move.assignment().experiment().value(), move.metric(), move.day(),
                    move.assignment().value(), stripe, move.converters()});
        }
        script.writeRows("insert into metric_day_count as c (experiment_key, metric, event_day, option_value, stripe,"
                + " converters) values ", "(?, ?, ?, ?, ?, ?)",
                " on conflict (experiment_key, metric, event_day, option_value, stripe) do update"
                + " set converters = c.converters + excluded.converters", days);
    }

    private static void createThenUpdate(Script script, Table table, List<Delta> deltas, int stripe) {
        for (Delta delta : deltas) {
            script.write("insert into " + table.name + " (experiment_key, metric, option_value, stripe, converters,"
                            + " valued, total, total_sq) values (?, ?, ?, ?, 0, 0, 0, 0) on conflict do nothing",
                    delta.assignment().experiment().value(), delta.metric(), delta.assignment().value(), stripe);
        }
        for (Delta delta : deltas) {
            script.write("update " + table.name + " set converters = converters + ?, valued = valued + ?,"
                            + " total = total + ?, total_sq = total_sq + ?"
                            + " where experiment_key = ? and metric = ? and option_value = ? and stripe = ?",
                    delta.converters(), delta.valued(), delta.total(), delta.totalSq(),
                    delta.assignment().experiment().value(), delta.metric(), delta.assignment().value(), stripe);
        }
    }

    private static void createThenUpdateDays(Script script, List<DayMove> moves, int stripe) {
        for (DayMove move : moves) {
            script.write("insert into metric_day_count (experiment_key, metric, event_day, option_value, stripe,"
                            + " converters) values (?, ?, ?, ?, ?, 0) on conflict do nothing",
                    move.assignment().experiment().value(), move.metric(), move.day(), move.assignment().value(), stripe);
        }
        for (DayMove move : moves) {
            script.write("update metric_day_count set converters = converters + ?"
                            + " where experiment_key = ? and metric = ? and event_day = ? and option_value = ? and stripe = ?",
                    move.converters(), move.assignment().experiment().value(), move.metric(), move.day(),
                    move.assignment().value(), stripe);
        }
    }

    /** A new converter counts on its first day; a late event before the first moves it to an earlier day. */
    private static List<DayMove> dayMoves(Assignment assignment, Change change) {
        LocalDate first = Timestamps.utcDay(change.after().firstAt());
        if (!change.before().converted()) {
            return List.of(new DayMove(assignment, change.metric(), first, 1));
        }
        LocalDate was = Timestamps.utcDay(change.before().firstAt());
        if (was.equals(first)) {
            return List.of();
        }
        return List.of(new DayMove(assignment, change.metric(), was, -1),
                new DayMove(assignment, change.metric(), first, 1));
    }
}
