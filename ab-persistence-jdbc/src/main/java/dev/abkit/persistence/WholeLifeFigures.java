package dev.abkit.persistence;

import dev.abkit.core.port.out.EventStore.MetricFigures;
import dev.abkit.core.port.out.EventStore.ResultsScope;
import dev.abkit.core.results.SlotsHandedOut;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.time.Instant;

/**
 * The whole-life figures (no window) from the counters kept at ingest: of all devices ({@code metric_count}) or,
 * with {@link ResultsScope#exposed()}, of the exposed ones ({@code exposed_count}, {@code exposed_metric_count},
 * V15). A few hundred rows whatever the number of devices and events, with the excluded devices' own rows taken out.
 */
final class WholeLifeFigures {

    private WholeLifeFigures() {
    }

    static MetricFigures read(Connection connection, ResultsScope scope, SlotsHandedOut slots) throws SQLException {
        FiguresTally tally = new FiguresTally();
        String experiment = scope.experiment().key().value();
        SlotHolders.perOption(connection, scope.experiment().key()).forEach(tally::assigned);
        try (PreparedStatement select = connection.prepareStatement("""
                select option_value, sum(converters), sum(valued), sum(total), sum(total_sq) from %s
                where experiment_key = ? and metric = ? group by option_value"""
                .formatted(scope.exposed() ? "exposed_metric_count" : "metric_count"))) {
            select.setString(1, experiment);
            select.setString(2, scope.metric().value());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    tally.converted(rows.getString(1), rows.getLong(2), rows.getLong(3), rows.getDouble(4),
                            rows.getDouble(5));
                }
            }
        }
        List<SlotHolders.Holder> holders = SlotHolders.excluded(connection, scope.experiment().key(), scope.excluded());
        List<String> tokens = holders.stream().map(SlotHolders.Holder::token).toList();
        Map<String, DeviceMetric> theirs = scope.exposed()
                ? DeviceMetricRows.exposedOf(connection, scope.experiment().key(), tokens, scope.metric().value())
                : DeviceMetricRows.of(connection, tokens, scope.metric().value());
        for (SlotHolders.Holder holder : holders) {
            tally.assigned(holder.value(), -1);
            tally.withdraw(holder.value(), theirs.getOrDefault(holder.token(), DeviceMetric.NONE));
        }
        if (scope.exposed()) {
            exposed(connection, scope, holders, tally);
        }
        return tally.figures(scope.experiment(), slots);
    }

    private static void exposed(Connection connection, ResultsScope scope, List<SlotHolders.Holder> holders,
                                FiguresTally tally) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select option_value, sum(devices) from exposed_count where experiment_key = ? group by option_value")) {
            select.setString(1, scope.experiment().key().value());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    tally.exposed(rows.getString(1), rows.getLong(2));
                }
            }
        }
        Map<String, Instant> exposedHolders = SlotHolders.exposed(connection, scope.experiment().key(), holders);
        holders.stream().filter(holder -> exposedHolders.containsKey(holder.token()))
                .forEach(holder -> tally.exposed(holder.value(), -1));
    }
}
