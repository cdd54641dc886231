package dev.abkit.persistence;

import dev.abkit.core.port.out.EventStore.MetricFigures;
import dev.abkit.core.port.out.EventStore.ResultsScope;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The figures of a window with an end inside a UTC day that holds at least one whole UTC day
 * (docs/decisions/0023-part-day-windows.md): the whole days from the day-pair counters, as
 * {@link DayWindowFigures} reads them, and only the part-days at its ends scanned from the raw events. A device
 * with events in a part-day is counted once: as converting only if it has no counted day among the whole days,
 * and with the square of its window total, (part + whole)² = whole² (in the counters) + part² + 2·part·whole,
 * its whole days' total read from its own day rows by its key. So the raw events read are those of at most two part-days,
 * whatever the window's length.
 */
final class PartDayWindowFigures {

    private PartDayWindowFigures() {
    }

    /** Whether {@code scope} has an end inside a day and holds a whole UTC day between its ends. */
    static boolean answers(ResultsScope scope) {
        if (DayWindowFigures.answers(scope)) {
            return false;
        }
        Optional<LocalDate> first = firstWholeDay(scope);
        Optional<LocalDate> end = endOfWholeDays(scope);
        return first.isEmpty() || end.isEmpty() || first.get().isBefore(end.get());
    }

    static MetricFigures read(Connection connection, ResultsScope scope) throws SQLException {
        if (!answers(scope)) {
            throw new IllegalArgumentException("not a window with a part-day end around whole UTC days: " + scope);
        }
        LocalDate first = firstWholeDay(scope).orElse(null);
        LocalDate end = endOfWholeDays(scope).orElse(null);
        FiguresTally tally = new FiguresTally();
        List<SlotHolders.Holder> holders = SlotHolders.excluded(connection, scope.experiment().key(), scope.excluded())
                .stream().filter(holder -> holder.assignedBefore(scope.to())).toList();
        AssignedBefore.count(connection, scope, holders, tally);
        if (scope.exposed()) {
            ScannedFigures.exposed(connection, scope, tally);
        }
        DayWindowFigures.onDays(connection, scope, holders, first, end, tally);
        partDays(connection, scope, first, end, tally);
        return tally.figures(scope.experiment(), holders.size());
    }

    /**
     * The devices with counted events in the part-days {@code [from, first)} and {@code [end, to)}: those without a
     * counted day in {@code [first, end)} are new converting devices (a day row exists only with an event); every
     * one adds its part-days' events, and to the sum of squares its part-days' total squared and twice its product
     * with its whole days' total.
     */
    private static void partDays(Connection connection, ResultsScope scope, LocalDate first, LocalDate end,
                                 FiguresTally tally) throws SQLException {
        SqlQuery parts = new SqlQuery("");
        if (scope.from().filter(PartDayWindowFigures::insideADay).isPresent()) {
            parts.append(ScannedFigures.perDevice(scope, scope.from(), Optional.of(Timestamps.startOf(first))));
        }
        if (scope.to().filter(PartDayWindowFigures::insideADay).isPresent()) {
            parts.append(parts.isEmpty() ? "" : " union all ")
                    .append(ScannedFigures.perDevice(scope, Optional.of(Timestamps.startOf(end)), scope.to()));
        }
        // Per part-day device, its whole days' total by its own key (one index probe, whatever the table's size):
        // null when it has no counted day among them.
        SqlQuery query = new SqlQuery("""
                select option_value, sum(case when whole_total is null then 1 else 0 end), sum(valued), sum(total),
                       sum(total * total + 2 * total * coalesce(whole_total, 0)) from (
                  select part.option_value, part.valued, part.total, (select sum(m.total)"""
                + " from " + (scope.exposed() ? "exposed_metric_day" : "device_metric_day")
                + " m where m.device_token = part.device_token and m.metric = ?", scope.metric().value());
        if (scope.exposed()) {
            query.append(" and m.experiment_key = ?", scope.experiment().key().value());
        }
        if (first != null) {
            query.append(" and m.event_day >= ?", first);
        }
        if (end != null) {
            query.append(" and m.event_day < ?", end);
        }
        query.append("""
                ) as whole_total
                  from (select option_value, device_token, sum(valued) as valued, sum(total) as total
                        from (""").append(parts).append("""
                        ) parts group by option_value, device_token) part
                ) per_device group by option_value""")
                .forEachRow(connection, rows -> tally.converted(rows.getString(1), rows.getLong(2), rows.getLong(3),
                        rows.getDouble(4), rows.getDouble(5)));
    }

    /** The first midnight at or after the window's start; empty when it is open. */
    private static Optional<LocalDate> firstWholeDay(ResultsScope scope) {
        return scope.from().map(from -> {
            LocalDate day = Timestamps.utcDay(from);
            return Timestamps.startOf(day).equals(from) ? day : day.plusDays(1);
        });
    }

    /** The last midnight at or before the window's end, the end of its whole days; empty when it is open. */
    private static Optional<LocalDate> endOfWholeDays(ResultsScope scope) {
        return scope.to().map(Timestamps::utcDay);
    }

    private static boolean insideADay(Instant instant) {
        return !Timestamps.startOf(Timestamps.utcDay(instant)).equals(instant);
    }
}
