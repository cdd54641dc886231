package dev.abkit.persistence;

import dev.abkit.core.event.MetricName;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.port.out.EventStore.DayCounts;
import dev.abkit.core.port.out.EventStore.DayFigures;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * New devices and new converters per UTC day and option, for the daily cumulative conversion: devices from
 * {@code option_day_count} (by the day of their first_seen, when they were assigned, R2), converters from
 * {@code metric_day_count}, both kept by the writes, so a chart reads a few rows per day whatever the
 * volume; the excluded devices taken out by their own rows.
 */
final class DailyFigures {

    private final Map<LocalDate, Map<String, long[]>> days = new TreeMap<>();

    private DailyFigures() {
    }

    static List<DayFigures> read(Connection connection, Experiment experiment, MetricName metric,
                                 Set<DeviceToken> excluded, Instant until) throws SQLException {
        LocalDate last = Timestamps.utcDay(until);
        DailyFigures daily = new DailyFigures();
        try (PreparedStatement select = connection.prepareStatement("""
                select first_day, option_value, sum(devices) from option_day_count
                where experiment_key = ? and first_day <= ?
                group by first_day, option_value""")) {
            select.setString(1, experiment.key().value());
            select.setObject(2, last);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    daily.add(rows.getObject(1, LocalDate.class), rows.getString(2), rows.getLong(3), 0);
                }
            }
        }
        try (PreparedStatement select = connection.prepareStatement("""
                select event_day, option_value, sum(converters) from metric_day_count
                where experiment_key = ? and metric = ? and event_day <= ?
                group by event_day, option_value""")) {
            select.setString(1, experiment.key().value());
            select.setString(2, metric.value());
            select.setObject(3, last);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    daily.add(rows.getObject(1, LocalDate.class), rows.getString(2), 0, rows.getLong(3));
                }
            }
        }
        List<SlotHolders.Holder> holders = SlotHolders.excluded(connection, experiment.key(), excluded);
        Map<String, DeviceMetric> theirs = DeviceMetricRows.of(connection,
                holders.stream().map(SlotHolders.Holder::token).toList(), metric.value());
        for (SlotHolders.Holder holder : holders) {
            daily.addUpTo(last, Timestamps.utcDay(holder.firstSeen()), holder.value(), -1, 0);
            DeviceMetric figures = theirs.getOrDefault(holder.token(), DeviceMetric.NONE);
            if (figures.converted()) {
                daily.addUpTo(last, Timestamps.utcDay(figures.firstAt()), holder.value(), 0, -1);
            }
        }
        return daily.figures();
    }

    private void addUpTo(LocalDate last, LocalDate day, String option, long assigned, long converted) {
        if (!day.isAfter(last)) {
            add(day, option, assigned, converted);
        }
    }

    private void add(LocalDate day, String option, long assigned, long converted) {
        long[] counts = days.computeIfAbsent(day, ignored -> new TreeMap<>()).computeIfAbsent(option, ignored -> new long[2]);
        counts[0] += assigned;
        counts[1] += converted;
    }

    private List<DayFigures> figures() {
        List<DayFigures> figures = new ArrayList<>();
        days.forEach((day, options) -> {
            Map<String, DayCounts> counts = new TreeMap<>();
            options.forEach((option, pair) -> counts.put(option, new DayCounts(pair[0], pair[1])));
            figures.add(new DayFigures(day, counts));
        });
        return figures;
    }
}
