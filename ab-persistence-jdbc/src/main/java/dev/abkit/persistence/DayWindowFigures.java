package dev.abkit.persistence;

import dev.abkit.core.port.out.EventStore.MetricFigures;
import dev.abkit.core.port.out.EventStore.ResultsScope;
import dev.abkit.core.results.SlotsHandedOut;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The figures of a window of whole UTC days (each end a midnight UTC, or open), of all devices or of the exposed
 * ones, from the day-pair counters kept at ingest ({@code day_pair_count}, {@code exposed_day_pair_count}, V18;
 * docs/decisions/0022-day-window-counters.md) instead of the raw events: a few rows per option and pair of days
 * in the window, whatever the number of devices and events. The devices are counted as for any window
 * ({@link AssignedBefore}, which reads counters only for a midnight), the exposed ones by the day their counting
 * starts ({@code exposed_day_count}), and the excluded devices' own days are taken out.
 */
final class DayWindowFigures {

    private DayWindowFigures() {
    }

    /** Whether the counters answer {@code scope}: each end at a midnight UTC or open. */
    static boolean answers(ResultsScope scope) {
        return scope.from().map(DayWindowFigures::isMidnight).orElse(true)
                && scope.to().map(DayWindowFigures::isMidnight).orElse(true);
    }

    static MetricFigures read(Connection connection, ResultsScope scope, SlotsHandedOut slots) throws SQLException {
        if (!answers(scope)) {
            throw new IllegalArgumentException("not a window of whole UTC days: " + scope);
        }
        LocalDate from = scope.from().map(Timestamps::utcDay).orElse(null);
        LocalDate to = scope.to().map(Timestamps::utcDay).orElse(null);
        FiguresTally tally = new FiguresTally();
        List<SlotHolders.Holder> holders = SlotHolders.excluded(connection, scope.experiment().key(), scope.excluded())
                .stream().filter(holder -> holder.assignedBefore(scope.to())).toList();
        AssignedBefore.count(connection, scope, holders, tally);
        if (scope.exposed()) {
            exposed(connection, scope, to, holders, tally);
        }
        onDays(connection, scope, holders, from, to, tally);
        return tally.figures(scope.experiment(), slots);
    }

    /**
     * The converting devices of the scope, with their sums, on the whole UTC days {@code [from, to)} (either end
     * open when null), from the day-pair counters; the {@code holders} of the excluded devices' own days taken out.
     */
    private static void onDays(Connection connection, ResultsScope scope, List<SlotHolders.Holder> holders,
                               LocalDate from, LocalDate to, FiguresTally tally) throws SQLException {
        converted(connection, scope, from, to, tally);
        List<String> tokens = holders.stream().map(SlotHolders.Holder::token).toList();
        Map<String, DeviceMetric> theirs = scope.exposed()
                ? DeviceDayRows.exposedInWindow(connection, scope.experiment().key(), tokens, scope.metric().value(),
                from, to)
                : DeviceDayRows.inWindow(connection, tokens, scope.metric().value(), from, to);
        holders.forEach(holder -> tally.withdraw(holder.value(), theirs.getOrDefault(holder.token(), DeviceMetric.NONE)));
    }

    /**
     * The exposed devices per option whose counting start (first_seen or exposure, the later) is before the end,
     * the holders' taken out.
     */
    private static void exposed(Connection connection, ResultsScope scope, LocalDate to, List<SlotHolders.Holder> holders,
                                FiguresTally tally) throws SQLException {
        SqlQuery query = new SqlQuery("select option_value, sum(devices) from exposed_day_count where experiment_key = ?",
                scope.experiment().key().value());
        if (to != null) {
            query.append(" and start_day < ?", to);
        }
        query.append(" group by option_value")
                .forEachRow(connection, rows -> tally.exposed(rows.getString(1), rows.getLong(2)));
        Map<String, Instant> exposures = SlotHolders.exposed(connection, scope.experiment().key(), holders);
        for (SlotHolders.Holder holder : holders) {
            Instant exposure = exposures.get(holder.token());
            if (exposure != null && countsBefore(holder, exposure, scope)) {
                tally.exposed(holder.value(), -1);
            }
        }
    }

    /**
     * A device converts in the window on its first counted day inside it: the cell of that day and the day before
     * it (before the window) or of that day alone (its first day ever). The squares of its window total are the
     * products of the cells inside the window, each pair of two different days twice.
     */
    private static void converted(Connection connection, ResultsScope scope, LocalDate from, LocalDate to,
                                  FiguresTally tally) throws SQLException {
        String entering = from == null ? "first_day = second_day" : "(first_day = second_day or first_day < ?)";
        String inside = from == null ? "1 = 1" : "first_day >= ?";
        SqlQuery query = new SqlQuery("select option_value,"
                + " sum(case when " + entering + " then devices else 0 end),"
                + " sum(case when first_day = second_day then valued else 0 end),"
                + " sum(case when first_day = second_day then total else 0 end),"
                + " sum(case when first_day = second_day then product when " + inside + " then 2 * product else 0 end)"
                + " from " + (scope.exposed() ? "exposed_day_pair_count" : "day_pair_count"),
                from == null ? new Object[0] : new Object[] {from, from}); // entering, inside
        query.append(" where experiment_key = ? and metric = ?", scope.experiment().key().value(), scope.metric().value());
        if (from != null) {
            query.append(" and second_day >= ?", from);
        }
        if (to != null) {
            query.append(" and second_day < ?", to);
        }
        query.append(" group by option_value").forEachRow(connection, rows -> tally.converted(rows.getString(1),
                rows.getLong(2), rows.getLong(3), rows.getDouble(4), rows.getDouble(5)));
    }

    private static boolean countsBefore(SlotHolders.Holder holder, Instant exposure, ResultsScope scope) {
        Instant start = exposure.isAfter(holder.firstSeen()) ? exposure : holder.firstSeen();
        return scope.to().map(start::isBefore).orElse(true);
    }

    private static boolean isMidnight(Instant instant) {
        return Timestamps.startOf(Timestamps.utcDay(instant)).equals(instant);
    }
}
