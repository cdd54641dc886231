package dev.abkit.persistence;

import dev.abkit.core.model.Assignment;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ExperimentKey;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One device's exposed counters (V15, docs/decisions/0015-exposed-counters.md): per experiment it holds an option
 * of and was exposed to, its counted events from the later of its first_seen and its first exposure
 * ({@code exposed_metric}, and per UTC day {@code exposed_metric_day}, V18), what they add to the option's
 * {@code exposed_metric_count} and {@code exposed_day_pair_count}, and its place in the option's
 * {@code exposed_count} and, by the day its counting starts, {@code exposed_day_count}. Read and written while
 * the device's row is locked ({@link DatabaseKind#lockDevice()}), which every event and exposure batch of the
 * device takes first: the rows read are then the latest, and the deltas written exact.
 */
final class ExposedCounters {

    private record Key(String experiment, String metric) {
    }

    private record Counted(Assignment assignment, MetricCounters.Change change, boolean stored, DeviceDays daysBefore,
                           DeviceDays daysAfter) {
    }

    private static final Comparator<Counted> IN_ROW_ORDER = Comparator
            .comparing((Counted counted) -> counted.assignment().experiment())
            .thenComparing(counted -> counted.change().metric());

    /** The queries of {@link #read}, answered once their script ran. */
    record Reading(DeviceToken device, int exposures, int rows, int days) {

        ExposedCounters from(Script.Results results) {
            Map<String, Instant> firstExposures = new HashMap<>();
            results.<Map.Entry<String, Instant>>rows(exposures)
                    .forEach(exposure -> firstExposures.put(exposure.getKey(), exposure.getValue()));
            Map<Key, DeviceMetric> stored = new HashMap<>();
            results.<Map.Entry<Key, DeviceMetric>>rows(rows).forEach(row -> stored.put(row.getKey(), row.getValue()));
            return new ExposedCounters(device, firstExposures, stored, DeviceDays.byKey(results.rows(days)));
        }
    }

    private final DeviceToken device;
    private final Map<String, Instant> firstExposures;
    private final Map<Key, DeviceMetric> stored;
    private final Map<Key, DeviceDays> storedDays;
    private final List<Counted> counted = new ArrayList<>();
    private final List<ExposedDevices.Move> starts = new ArrayList<>();

    private ExposedCounters(DeviceToken device, Map<String, Instant> firstExposures, Map<Key, DeviceMetric> stored,
                            Map<Key, DeviceDays> storedDays) {
        this.device = device;
        this.firstExposures = firstExposures;
        this.stored = stored;
        this.storedDays = storedDays;
    }

    /** Queues, after the device's lock in {@code script}, the reads of its exposures and all its exposed rows. */
    static Reading read(Script script, DeviceToken device) {
        return read(script, device, "", List.of());
    }

    /** As {@link #read(Script, DeviceToken)}, the exposed rows of {@code metrics} only (an event batch's). */
    static Reading read(Script script, DeviceToken device, Collection<String> metrics) {
        return read(script, device, " and metric in (" + String.join(", ", Collections.nCopies(metrics.size(), "?")) + ")",
                metrics);
    }

    private static Reading read(Script script, DeviceToken device, String ofMetrics, Collection<String> metrics) {
        int exposures = script.query("select experiment_key, first_at from exposure where device_token = ?",
                row -> Map.entry(row.getString("experiment_key"), Timestamps.instant(row, "first_at")), device.value());
        List<Object> parameters = new ArrayList<>();
        parameters.add(device.value());
        parameters.addAll(metrics);
        int rows = script.query("select experiment_key, metric, events, valued, total, first_at from exposed_metric"
                        + " where device_token = ?" + ofMetrics,
                row -> Map.entry(new Key(row.getString("experiment_key"), row.getString("metric")),
                        new DeviceMetric(row.getLong("events"), row.getLong("valued"), row.getDouble("total"),
                                Timestamps.instant(row, "first_at"))),
                parameters.toArray());
        int days = script.query("select experiment_key, metric, event_day, events, valued, total from exposed_metric_day"
                        + " where device_token = ?" + ofMetrics,
                row -> Map.entry(new Key(row.getString("experiment_key"), row.getString("metric")),
                        Map.entry(row.getObject("event_day", LocalDate.class), new DeviceDays.Day(row.getLong("events"),
                                row.getLong("valued"), row.getDouble("total")))),
                parameters.toArray());
        return new Reading(device, exposures, rows, days);
    }

    /** The device's first exposure to {@code experiment}, as stored before this transaction. */
    Optional<Instant> firstExposure(ExperimentKey experiment) {
        return Optional.ofNullable(firstExposures.get(experiment.value()));
    }

    /** Counts {@code batches}, events of the device from its exposure on, for the option {@code assignment} holds. */
    void count(Assignment assignment, Collection<MetricBatch> batches) {
        for (MetricBatch batch : batches) {
            Key key = new Key(assignment.experiment().value(), batch.metric());
            DeviceMetric before = stored.getOrDefault(key, DeviceMetric.NONE);
            DeviceDays daysBefore = storedDays.getOrDefault(key, DeviceDays.NONE);
            counted.add(new Counted(assignment, new MetricCounters.Change(batch.metric(), before, before.plus(batch),
                    batch), stored.containsKey(key), daysBefore, daysBefore.plus(batch)));
        }
    }

    /**
     * Counts the device among the exposed devices of the option {@code assignment} holds from {@code start} on, the
     * later of its first_seen and its first exposure: newly exposed if {@code previousStart} is empty, else moved
     * earlier from it.
     */
    void exposed(Assignment assignment, Optional<Instant> previousStart, Instant start) {
        starts.add(new ExposedDevices.Move(assignment, previousStart.map(Timestamps::utcDay), Timestamps.utcDay(start)));
    }

    /** Writes what {@link #count} and {@link #exposed} gathered: the device's rows, then the striped counters. */
    void writeTo(Script script, DatabaseKind kind, int stripe) {
        List<Counted> ordered = new ArrayList<>(counted);
        ordered.sort(IN_ROW_ORDER);
        List<MetricCounters.Delta> deltas = new ArrayList<>();
        List<DayPairCounters.Change> dayChanges = new ArrayList<>();
        for (Counted one : ordered) {
            write(script, one);
            DeviceDayRows.writeExposed(script, device, one.assignment().experiment(), one.change().metric(),
                    one.daysBefore(), one.daysAfter());
            deltas.add(MetricCounters.Delta.of(one.assignment(), one.change()));
            dayChanges.add(new DayPairCounters.Change(List.of(one.assignment()), one.change().metric(),
                    one.daysBefore(), one.daysAfter()));
        }
        MetricCounters.add(script, kind, MetricCounters.Table.EXPOSED, deltas, stripe);
        DayPairCounters.add(script, kind, DayPairCounters.Table.EXPOSED, dayChanges, stripe);
        ExposedDevices.add(script, kind, starts, stripe);
    }

    private void write(Script script, Counted one) {
        DeviceMetric after = one.change().after();
        String experiment = one.assignment().experiment().value();
        if (one.stored()) {
            script.write("update exposed_metric set events = ?, valued = ?, total = ?, first_at = ?"
                            + " where device_token = ? and experiment_key = ? and metric = ?",
                    after.events(), after.valued(), after.total(), Timestamps.of(after.firstAt()), device.value(),
                    experiment, one.change().metric());
        } else {
            script.write("insert into exposed_metric (device_token, experiment_key, metric, events, valued, total,"
                            + " first_at) values (?, ?, ?, ?, ?, ?, ?)",
                    device.value(), experiment, one.change().metric(), after.events(), after.valued(), after.total(),
                    Timestamps.of(after.firstAt()));
        }
    }
}
