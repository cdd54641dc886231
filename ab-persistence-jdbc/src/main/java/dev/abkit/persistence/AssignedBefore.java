package dev.abkit.persistence;

import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.port.out.EventStore.ResultsScope;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The devices per option assigned before an instant (every assignment happens at the device's first_seen,
 * R2), without grouping all of an experiment's assignments: the whole UTC days before it from
 * {@code option_day_count} (V12), and of its own day only the devices on the nearer side of it, found by
 * the index on {@code device (first_seen)} (V14): those first seen from the day's start until it, or, past
 * noon, the day's count less those first seen from it to the day's end. So a window reads at most half a
 * day of registrations, and none when it ends on a midnight or now.
 */
final class AssignedBefore {

    private static final Duration HALF_DAY = Duration.ofHours(12);

    private AssignedBefore() {
    }

    /**
     * The devices per option of a window's scope: those assigned before its end (all so far when open), less the
     * {@code holders} of the scope's excluded devices among them.
     */
    static void count(Connection connection, ResultsScope scope, List<SlotHolders.Holder> holders, FiguresTally tally)
            throws SQLException {
        if (scope.to().isEmpty()) { // every device so far: the counters know
            SlotHolders.perOption(connection, scope.experiment().key()).forEach(tally::assigned);
        } else {
            count(connection, scope.experiment().key(), scope.to().get(), tally);
        }
        holders.stream().filter(holder -> holder.assignedBefore(scope.to()))
                .forEach(holder -> tally.assigned(holder.value(), -1));
    }

    static void count(Connection connection, ExperimentKey experiment, Instant to, FiguresTally tally)
            throws SQLException {
        LocalDate day = Timestamps.utcDay(to);
        Instant dayStart = Timestamps.startOf(day);
        boolean fromTheEnd = !to.isBefore(dayStart.plus(HALF_DAY));
        try (PreparedStatement select = connection.prepareStatement("""
                select option_value, sum(devices) from option_day_count
                where experiment_key = ? and first_day""" + (fromTheEnd ? " <= ?" : " < ?") + " group by option_value")) {
            select.setString(1, experiment.value());
            select.setObject(2, day);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    tally.assigned(rows.getString(1), rows.getLong(2));
                }
            }
        }
        if (fromTheEnd) {
            firstSeenBetween(connection, experiment, to, Timestamps.startOf(day.plusDays(1)), -1, tally);
        } else if (to.isAfter(dayStart)) {
            firstSeenBetween(connection, experiment, dayStart, to, 1, tally);
        }
    }

    private static void firstSeenBetween(Connection connection, ExperimentKey experiment, Instant from, Instant to,
                                         int sign, FiguresTally tally) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                select a.option_value, count(*) from device d
                join assignment a on a.device_token = d.token and a.experiment_key = ?
                where d.first_seen >= ? and d.first_seen < ? and a.option_value is not null
                group by a.option_value""")) {
            select.setString(1, experiment.value());
            select.setObject(2, Timestamps.of(from));
            select.setObject(3, Timestamps.of(to));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    tally.assigned(rows.getString(1), sign * rows.getLong(2));
                }
            }
        }
    }
}
