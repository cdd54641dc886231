package dev.abkit.persistence;

import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ExperimentKey;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
            return DeviceDays.byKey(results.rows(query));
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
    static void write(Script script, DeviceToken device, String metric, DeviceDays before, DeviceDays after) {
        write(script, "device_metric_day", device, null, metric, before, after);
    }

    /** As {@link #write}, the device's days counted from its exposure to {@code experiment} on ({@code exposed_metric_day}). */
    static void writeExposed(Script script, DeviceToken device, ExperimentKey experiment, String metric,
                             DeviceDays before, DeviceDays after) {
        write(script, "exposed_metric_day", device, experiment.value(), metric, before, after);
    }

    /** @param experiment the experiment of an {@code exposed_metric_day} row; null for {@code device_metric_day} */
    private static void write(Script script, String table, DeviceToken device, String experiment, String metric,
                              DeviceDays before, DeviceDays after) {
        String ofExperiment = experiment == null ? "" : " and experiment_key = ?";
        before.changedIn(after).forEach((day, figures) -> {
            List<Object> key = new ArrayList<>(List.of(device.value(), metric, day));
            if (experiment != null) {
                key.add(experiment);
            }
            if (before.days().containsKey(day)) {
                List<Object> parameters = new ArrayList<>(List.of(figures.events(), figures.valued(), figures.total()));
                parameters.addAll(key);
                script.write("update " + table + " set events = ?, valued = ?, total = ?"
                        + " where device_token = ? and metric = ? and event_day = ?" + ofExperiment, parameters.toArray());
            } else {
                key.addAll(List.of(figures.events(), figures.valued(), figures.total()));
                script.write("insert into " + table + " (device_token, metric, event_day"
                        + (experiment == null ? "" : ", experiment_key") + ", events, valued, total) values (?, ?, ?"
                        + (experiment == null ? "" : ", ?") + ", ?, ?, ?)", key.toArray());
            }
        });
    }

    /**
     * The counted events of {@code metric} of each of {@code devices} on the days {@code [from, to)} (either
     * end open when null), added up per device: what an excluded device's own rows put into a window's counters.
     */
    static Map<String, DeviceMetric> inWindow(Connection connection, Collection<String> devices, String metric,
                                              LocalDate from, LocalDate to) throws SQLException {
        return inWindow(connection, "device_metric_day", null, devices, metric, from, to);
    }

    /** As {@link #inWindow}, each device's days counted from its exposure to {@code experiment} on. */
    static Map<String, DeviceMetric> exposedInWindow(Connection connection, ExperimentKey experiment,
                                                     Collection<String> devices, String metric, LocalDate from,
                                                     LocalDate to) throws SQLException {
        return inWindow(connection, "exposed_metric_day", experiment.value(), devices, metric, from, to);
    }

    private static Map<String, DeviceMetric> inWindow(Connection connection, String table, String experiment,
                                                      Collection<String> devices, String metric, LocalDate from,
                                                      LocalDate to) throws SQLException {
        Map<String, DeviceMetric> figures = new HashMap<>();
        if (devices.isEmpty()) {
            return figures;
        }
        SqlQuery query = new SqlQuery("select device_token, sum(events), sum(valued), sum(total) from " + table
                + " where metric = ?", metric);
        if (experiment != null) {
            query.append(" and experiment_key = ?", experiment);
        }
        if (from != null) {
            query.append(" and event_day >= ?", from);
        }
        if (to != null) {
            query.append(" and event_day < ?", to);
        }
        query.andIn("device_token", devices).append(" group by device_token").forEachRow(connection, rows ->
                // The earliest event's time does not enter a window's figures; only that there is one.
                figures.put(rows.getString(1), new DeviceMetric(rows.getLong(2), rows.getLong(3), rows.getDouble(4), null)));
        return figures;
    }
}
