package dev.abkit.persistence;

import dev.abkit.core.model.Assignment;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ExperimentKey;

import java.time.Instant;
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
 * ({@code exposed_metric}), what they add to the option's {@code exposed_metric_count}, and its place in the
 * option's {@code exposed_count}. Read and written while the device's row is locked
 * ({@link DatabaseKind#lockDevice()}), which every event and exposure batch of the device takes first: the rows
 * read are then the latest, and the deltas written exact.
 */
final class ExposedCounters {

    private record Key(String experiment, String metric) {
    }

    private record Counted(Assignment assignment, MetricCounters.Change change, boolean stored) {
    }

    private static final Comparator<Counted> IN_ROW_ORDER = Comparator
            .comparing((Counted counted) -> counted.assignment().experiment())
            .thenComparing(counted -> counted.change().metric());

    /** The queries of {@link #read}, answered once their script ran. */
    record Reading(DeviceToken device, int exposures, int rows) {

        ExposedCounters from(Script.Results results) {
            Map<String, Instant> firstExposures = new HashMap<>();
            results.<Map.Entry<String, Instant>>rows(exposures)
                    .forEach(exposure -> firstExposures.put(exposure.getKey(), exposure.getValue()));
            Map<Key, DeviceMetric> stored = new HashMap<>();
            results.<Map.Entry<Key, DeviceMetric>>rows(rows).forEach(row -> stored.put(row.getKey(), row.getValue()));
            return new ExposedCounters(device, firstExposures, stored);
        }
    }

    private final DeviceToken device;
    private final Map<String, Instant> firstExposures;
    private final Map<Key, DeviceMetric> stored;
    private final List<Counted> counted = new ArrayList<>();
    private final List<Assignment> newlyExposed = new ArrayList<>();

    private ExposedCounters(DeviceToken device, Map<String, Instant> firstExposures, Map<Key, DeviceMetric> stored) {
        this.device = device;
        this.firstExposures = firstExposures;
        this.stored = stored;
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
        return new Reading(device, exposures, rows);
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
            counted.add(new Counted(assignment, new MetricCounters.Change(batch.metric(), before, before.plus(batch),
                    batch), stored.containsKey(key)));
        }
    }

    /** Counts the device among the exposed devices of the option {@code assignment} holds (its first exposure). */
    void exposed(Assignment assignment) {
        newlyExposed.add(assignment);
    }

    /** Writes what {@link #count} and {@link #exposed} gathered: the device's rows, then the striped counters. */
    void writeTo(Script script, DatabaseKind kind, int stripe) {
        List<Counted> ordered = new ArrayList<>(counted);
        ordered.sort(IN_ROW_ORDER);
        List<MetricCounters.Delta> deltas = new ArrayList<>();
        for (Counted one : ordered) {
            write(script, one);
            deltas.add(MetricCounters.Delta.of(one.assignment(), one.change()));
        }
        MetricCounters.add(script, kind, MetricCounters.Table.EXPOSED, deltas, stripe);
        List<Assignment> options = new ArrayList<>(newlyExposed);
        options.sort(Comparator.comparing(Assignment::experiment));
        if (options.isEmpty()) {
            return;
        }
        if (kind == DatabaseKind.POSTGRESQL) {
            List<Object> values = new ArrayList<>();
            options.forEach(option -> Collections.addAll(values, option.experiment().value(), option.value(), stripe));
            script.write("insert into exposed_count as c (experiment_key, option_value, stripe, devices) values "
                    + String.join(", ", Collections.nCopies(options.size(), "(?, ?, ?, 1)"))
                    + " on conflict (experiment_key, option_value, stripe) do update set devices = c.devices + 1",
                    values.toArray());
            return;
        }
        for (Assignment option : options) {
            script.write("insert into exposed_count (experiment_key, option_value, stripe, devices) values (?, ?, ?, 0)"
                    + " on conflict do nothing", option.experiment().value(), option.value(), stripe);
            script.write("update exposed_count set devices = devices + 1"
                            + " where experiment_key = ? and option_value = ? and stripe = ?",
                    option.experiment().value(), option.value(), stripe);
        }
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
