package dev.abkit.persistence;

import dev.abkit.core.model.DeviceToken;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * The rows of {@code device_metric}: one device's counted events per metric. A batch locks its
 * device's rows before it changes them, so that it knows the totals it changes exactly (the square of a
 * device's total moves by (t + v)² − t²) even while another batch of the same device waits to do the same.
 */
final class DeviceMetricRows {

    private DeviceMetricRows() {
    }

    /**
     * Creates the missing rows of {@code metrics} (empty) and locks them all until the transaction ends.
     *
     * @return each metric's figures before this batch
     */
    static Map<String, DeviceMetric> lock(Connection connection, DeviceToken device, SortedSet<String> metrics)
            throws SQLException {
        String placeholders = String.join(", ", Collections.nCopies(metrics.size(), "?"));
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into device_metric (device_token, metric, events, valued, total) values "
                        + String.join(", ", Collections.nCopies(metrics.size(), "(?, ?, 0, 0, 0)"))
                        + " on conflict do nothing")) {
            int parameter = 1;
            for (String metric : metrics) {
                insert.setString(parameter++, device.value());
                insert.setString(parameter++, metric);
            }
            insert.executeUpdate();
        }
        try (PreparedStatement select = connection.prepareStatement(
                "select metric, events, valued, total, first_at from device_metric"
                        + " where device_token = ? and metric in (" + placeholders + ") order by metric for update")) {
            select.setString(1, device.value());
            int parameter = 2;
            for (String metric : metrics) {
                select.setString(parameter++, metric);
            }
            Map<String, DeviceMetric> before = new HashMap<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    before.put(rows.getString("metric"), figures(rows));
                }
            }
            return before;
        }
    }

    static void update(Script script, DeviceToken device, String metric, DeviceMetric after) {
        script.write("update device_metric set events = ?, valued = ?, total = ?, first_at = ?"
                        + " where device_token = ? and metric = ?",
                after.events(), after.valued(), after.total(), Timestamps.of(after.firstAt()), device.value(), metric);
    }

    /** The figures of {@code metric} of each of {@code devices} that has any, by device token. */
    static Map<String, DeviceMetric> of(Connection connection, Collection<String> devices, String metric)
            throws SQLException {
        Map<String, DeviceMetric> figures = new HashMap<>();
        if (devices.isEmpty()) {
            return figures;
        }
        List<String> tokens = new ArrayList<>(devices);
        try (PreparedStatement select = connection.prepareStatement(
                "select device_token, events, valued, total, first_at from device_metric where metric = ?"
                        + " and device_token in (" + String.join(", ", Collections.nCopies(tokens.size(), "?")) + ")")) {
            select.setString(1, metric);
            for (int i = 0; i < tokens.size(); i++) {
                select.setString(i + 2, tokens.get(i));
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    figures.put(rows.getString("device_token"), figures(rows));
                }
            }
        }
        return figures;
    }

    private static DeviceMetric figures(ResultSet rows) throws SQLException {
        return new DeviceMetric(rows.getLong("events"), rows.getLong("valued"), rows.getDouble("total"),
                Timestamps.instant(rows, "first_at"));
    }
}
