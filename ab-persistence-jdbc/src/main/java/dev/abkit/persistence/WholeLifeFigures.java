package dev.abkit.persistence;

import dev.abkit.core.port.out.EventStore.MetricFigures;
import dev.abkit.core.port.out.EventStore.ResultsScope;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The whole-life figures ({@link ResultsScope#isWholeLife()}) from the counters kept at ingest: a few
 * hundred rows whatever the number of devices and events, with the excluded devices' own rows taken out.
 */
final class WholeLifeFigures {

    private WholeLifeFigures() {
    }

    static MetricFigures read(Connection connection, ResultsScope scope) throws SQLException {
        FiguresTally tally = new FiguresTally();
        SlotHolders.perOption(connection, scope.experiment().key()).forEach(tally::assigned);
        try (PreparedStatement select = connection.prepareStatement("""
                select option_value, sum(converters), sum(valued), sum(total), sum(total_sq) from metric_count
                where experiment_key = ? and metric = ? group by option_value""")) {
            select.setString(1, scope.experiment().key().value());
            select.setString(2, scope.metric().value());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    tally.converted(rows.getString(1), rows.getLong(2), rows.getLong(3), rows.getDouble(4),
                            rows.getDouble(5));
                }
            }
        }
        List<SlotHolders.Holder> holders = SlotHolders.excluded(connection, scope.experiment().key(), scope.excluded());
        Map<String, DeviceMetric> theirs = DeviceMetricRows.of(connection,
                holders.stream().map(SlotHolders.Holder::token).toList(), scope.metric().value());
        for (SlotHolders.Holder holder : holders) {
            tally.assigned(holder.value(), -1);
            tally.withdraw(holder.value(), theirs.getOrDefault(holder.token(), DeviceMetric.NONE));
        }
        return tally.figures(scope.experiment(), holders.size());
    }
}
