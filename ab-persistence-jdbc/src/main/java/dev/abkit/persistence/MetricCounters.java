package dev.abkit.persistence;

import dev.abkit.core.model.Assignment;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;

/**
 * What one device's batch adds to the whole-life counters {@code metric_count} and {@code metric_day_count}
 * of every option it holds: written into a {@link Script}, rows created first (empty, if missing) and
 * then changed, every transaction in the same order (experiment, metric, day, option), so that two
 * batches that share a stripe wait for each other at most, never in a circle.
 */
final class MetricCounters {

    /** One metric's figures of one device before and after a batch. */
    record Change(String metric, DeviceMetric before, DeviceMetric after, MetricBatch batch) {
    }

    private record DayMove(Assignment assignment, String metric, LocalDate day, long converters) {
    }

    private MetricCounters() {
    }

    /**
     * @param assignments the device's assignments with a value (a left-out device counts nowhere)
     * @param changes     per metric, in name order
     */
    static void add(Script script, List<Assignment> assignments, SortedMap<String, Change> changes, int stripe) {
        List<Assignment> sorted = new ArrayList<>(assignments);
        sorted.sort(Comparator.comparing(Assignment::experiment));
        List<DayMove> moves = new ArrayList<>();
        for (Assignment assignment : sorted) {
            for (Change change : changes.values()) {
                script.write("insert into metric_count (experiment_key, metric, option_value, stripe, converters,"
                                + " valued, total, total_sq) values (?, ?, ?, ?, 0, 0, 0, 0) on conflict do nothing",
                        assignment.experiment().value(), change.metric(), assignment.value(), stripe);
                moves.addAll(dayMoves(assignment, change));
            }
        }
        moves.sort(Comparator.comparing((DayMove move) -> move.assignment().experiment())
                .thenComparing(DayMove::metric).thenComparing(DayMove::day));
        for (DayMove move : moves) {
            script.write("insert into metric_day_count (experiment_key, metric, event_day, option_value, stripe,"
                            + " converters) values (?, ?, ?, ?, ?, 0) on conflict do nothing",
                    move.assignment().experiment().value(), move.metric(), move.day(), move.assignment().value(), stripe);
        }
        for (Assignment assignment : sorted) {
            for (Change change : changes.values()) {
                double before = change.before().total();
                double after = change.after().total();
                script.write("update metric_count set converters = converters + ?, valued = valued + ?,"
                                + " total = total + ?, total_sq = total_sq + ?"
                                + " where experiment_key = ? and metric = ? and option_value = ? and stripe = ?",
                        change.before().converted() ? 0 : 1, change.batch().valued(), change.batch().total(),
                        after * after - before * before,
                        assignment.experiment().value(), change.metric(), assignment.value(), stripe);
            }
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
