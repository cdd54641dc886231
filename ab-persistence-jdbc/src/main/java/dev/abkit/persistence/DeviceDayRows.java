package dev.abkit.persistence;

import dev.abkit.core.model.DeviceToken;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rows of {@code device_metric_day} (V18): one device's counted events per metric and UTC day. Read and
 * written while the device's row is locked, as {@code device_metric} is, so that a batch changes the day-pair
 * counters by exact deltas.
 */
final class DeviceDayRows {

    /** The queued read of {@link #read}, answered once its script ran. */
    record Reading(int query) {

        /** Each metric's days before the batch; a metric without any is absent. */
        Map<String, DeviceDays> from(Script.Results results) {
            Map<String, TreeMap<LocalDate, DeviceDays.Day>> byMetric = new HashMap<>();
            results.<Map.Entry<String, Map.Entry<LocalDate, DeviceDays.Day>>>rows(query).forEach(row ->
                    byMetric.computeIfAbsent(row.getKey(), metric -> new TreeMap<>())
                            .put(row.getValue().getKey(), row.getValue().getValue()));
            Map<String, DeviceDays> days = new HashMap<>();
            byMetric.forEach((metric, rows) -> days.put(metric, new DeviceDays(rows)));
            return days;
        }
    }

    private DeviceDayRows() {
    }

    /** Queues the read of the device's days of {@code metrics} (after the device's lock in {@code script}). */
    static Reading read(Script script, DeviceToken device, Collection<String> metrics) {
        List<Object> parameters = new ArrayList<>();
        parameters.add(device.value());
        parameters.addAll(metrics);
        return new Reading(script.query("select metric, event_day, events, valued, total from device_metric_day"
                        + " where device_token = ? and metric in ("
                        + String.join(", ", Collections.nCopies(metrics.size(), "?")) + ")",
                row -> Map.entry(row.getString("metric"), Map.entry(row.getObject("event_day", LocalDate.class),
                        new DeviceDays.Day(row.getLong("events"), row.getLong("valued"), row.getDouble("total")))),
                parameters.toArray()));
    }

    /** Writes the days of {@code metric} that changed from {@code before} to {@code after}. */
    static void write(Script script, DatabaseKind kind, DeviceToken device, String metric, DeviceDays before,
                      DeviceDays after) {
        before.changedIn(after).forEach((day, figures) -> {
            if (before.days().containsKey(day)) {
                script.write("update device_metric_day set events = ?, valued = ?, total = ?"
                                + " where device_token = ? and metric = ? and event_day = ?",
                        figures.events(), figures.valued(), figures.total(), device.value(), metric, day);
            } else {
                script.write("insert into device_metric_day (device_token, metric, event_day, events, valued, total)"
                                + " values (?, ?, ?, ?, ?, ?)",
                        device.value(), metric, day, figures.events(), figures.valued(), figures.total());
            }
        });
    }

    /**
     * The counted events of {@code metric} of each of {@code devices} on the days {@code [from, to)} (either
     * end open when null), added up per device: what an excluded device's own rows put into a window's counters.
     */
    static Map<String, DeviceMetric> inWindow(Connection connection, Collection<String> devices, String metric,
                                              LocalDate from, LocalDate to) throws SQLException {
        Map<String, DeviceMetric> figures = new HashMap<>();
        if (devices.isEmpty()) {
            return figures;
        }
        List<Object> parameters = new ArrayList<>();
        parameters.add(metric);
        StringBuilder sql = new StringBuilder("select device_token, sum(events), sum(valued), sum(total)"
                + " from device_metric_day where metric = ?");
        if (from != null) {
            sql.append(" and event_day >= ?");
            parameters.add(from);
        }
        if (to != null) {
            sql.append(" and event_day < ?");
            parameters.add(to);
        }
        sql.append(" and device_token in (").append(String.join(", ", Collections.nCopies(devices.size(), "?")))
                .append(") group by device_token");
        parameters.addAll(devices);
        try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                select.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    // The earliest event's time does not enter a window's figures; only that there is one.
                    figures.put(rows.getString(1), new DeviceMetric(rows.getLong(2), rows.getLong(3), rows.getDouble(4),
                            null));
                }
            }
        }
        return figures;
    }
}
