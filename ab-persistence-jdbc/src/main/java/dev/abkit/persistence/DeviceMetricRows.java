package dev.abkit.persistence;

import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ExperimentKey;

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
    static Map<String, DeviceMetric> lock(Connection connection, DatabaseKind kind, DeviceToken device,
                                          SortedSet<String> metrics) throws SQLException {
        String rows = String.join(", ", Collections.nCopies(metrics.size(), "(?, ?, 0, 0, 0)"));
        String insert = "insert into device_metric%s (device_token, metric, events, valued, total) values " + rows;
        Map<String, DeviceMetric> before = new HashMap<>();
        if (kind == DatabaseKind.POSTGRESQL) {
            // One round trip: the no-op update locks an existing row and returns it unchanged.
            try (PreparedStatement upsert = connection.prepareStatement(insert.formatted(" as m")
                    + " on conflict (device_token, metric) do update set events = m.events"
                    + " returning metric, events, valued, total, first_at")) {
                bindRows(upsert, 1, device, metrics);
                readInto(upsert, before);
            }
            return before;
        }
        try (PreparedStatement create = connection.prepareStatement(insert.formatted("") + " on conflict do nothing")) {
            bindRows(create, 1, device, metrics);
            create.executeUpdate();
        }
        try (PreparedStatement select = connection.prepareStatement(
                "select metric, events, valued, total, first_at from device_metric where device_token = ? and metric in ("
                        + String.join(", ", Collections.nCopies(metrics.size(), "?")) + ") order by metric for update")) {
            select.setString(1, device.value());
            int parameter = 2;
            for (String metric : metrics) {
                select.setString(parameter++, metric);
            }
            readInto(select, before);
        }
        return before;
    }

    private static void bindRows(PreparedStatement statement, int first, DeviceToken device, SortedSet<String> metrics)
            throws SQLException {
        int parameter = first;
        for (String metric : metrics) {
            statement.setString(parameter++, device.value());
            statement.setString(parameter++, metric);
        }
    }

    private static void readInto(PreparedStatement statement, Map<String, DeviceMetric> before) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                before.put(rows.getString("metric"), figures(rows));
            }
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
        return read(connection, "device_metric", devices, metric, null);
    }

    /** As {@link #of}, counted from each device's exposure to {@code experiment} on ({@code exposed_metric}, V15). */
    static Map<String, DeviceMetric> exposedOf(Connection connection, ExperimentKey experiment,
                                               Collection<String> devices, String metric) throws SQLException {
        return read(connection, "exposed_metric", devices, metric, experiment.value());
    }

    /** @param experiment the experiment of an {@code exposed_metric} row; null for {@code device_metric} */
    private static Map<String, DeviceMetric> read(Connection connection, String table, Collection<String> devices,
                                                  String metric, String experiment) throws SQLException {
        Map<String, DeviceMetric> figures = new HashMap<>();
        if (devices.isEmpty()) {
            return figures;
        }
        List<String> tokens = new ArrayList<>(devices);
        try (PreparedStatement select = connection.prepareStatement(
                "select device_token, events, valued, total, first_at from " + table + " where metric = ?"
                        + (experiment == null ? "" : " and experiment_key = ?")
                        + " and device_token in (" + String.join(", ", Collections.nCopies(tokens.size(), "?")) + ")")) {
            int parameter = 1;
            select.setString(parameter++, metric);
            if (experiment != null) {
                select.setString(parameter++, experiment);
            }
            for (String token : tokens) {
                select.setString(parameter++, token);
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
