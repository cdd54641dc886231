package dev.abkit.persistence;

import dev.abkit.core.event.Event;
import dev.abkit.core.model.Assignment;
import dev.abkit.core.model.Device;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One batch of one device, inside its transaction. Round trips on PostgreSQL: the ids (which are new); the device's
 * row locked, the raw rows and the device's exposures, exposed rows and per-day rows read; the device's per-metric
 * rows locked; one script of every counter change; then the commit. A batch with no new event stops after the
 * first; one whose device holds no option, or with no event since its first_seen, after the second (which then
 * takes no lock and reads nothing).
 */
final class EventIngest {

    private EventIngest() {
    }

    /** @return how many of {@code events} were new, and are now stored and counted */
    static int run(Connection connection, DatabaseKind kind, Device device, List<Event> events, Instant now,
                   int stripe) throws SQLException {
        List<Event> fresh = NewEventIds.insert(connection, kind, device.token(), events, now);
        if (fresh.isEmpty()) {
            return 0;
        }
        List<Assignment> holding = device.assignments().stream().filter(assignment -> !assignment.isLeftOut()).toList();
        // Every assignment happened at first_seen (R2): the events before it count nowhere, the others
        // for every option the device holds. A device that holds none needs no figures.
        List<Event> counted = fresh.stream().filter(event -> !event.at().isBefore(device.firstSeen())).toList();
        Script rows = new Script();
        if (holding.isEmpty() || counted.isEmpty()) {
            EventRows.insert(rows, device.token(), fresh, now);
            rows.runOn(connection, kind);
            return fresh.size();
        }
        SortedMap<String, MetricBatch> batches = MetricBatch.of(counted);
        // Before the exposures are read: an exposure batch of the device then has committed or waits (0015).
        rows.run(kind.lockDevice(), device.token().value());
        EventRows.insert(rows, device.token(), fresh, now);
        ExposedCounters.Reading reading = ExposedCounters.read(rows, device.token(), batches.keySet());
        DeviceDayRows.Reading dayReading = DeviceDayRows.read(rows, device.token(), batches.keySet());
        Script.Results read = rows.runOn(connection, kind);
        Map<String, DeviceDays> daysBefore = dayReading.from(read);
        Map<String, DeviceMetric> before = DeviceMetricRows.lock(connection, kind, device.token(),
                new TreeSet<>(batches.keySet()));
        Script script = new Script();
        SortedMap<String, MetricCounters.Change> changes = new TreeMap<>();
        for (MetricBatch batch : batches.values()) {
            DeviceMetric was = before.getOrDefault(batch.metric(), DeviceMetric.NONE);
            DeviceMetric after = was.plus(batch);
            DeviceMetricRows.update(script, device.token(), batch.metric(), after);
            changes.put(batch.metric(), new MetricCounters.Change(batch.metric(), was, after, batch));
        }
        MetricCounters.add(script, kind, holding, changes, stripe);
        List<DayPairCounters.Change> dayChanges = new ArrayList<>();
        for (String metric : batches.keySet()) {
            DeviceDays was = daysBefore.getOrDefault(metric, DeviceDays.NONE);
            DeviceDays after = was.plus(batches.get(metric));
            DeviceDayRows.write(script, device.token(), metric, was, after);
            dayChanges.add(new DayPairCounters.Change(holding, metric, was, after));
        }
        DayPairCounters.add(script, kind, DayPairCounters.Table.ALL, dayChanges, stripe);
        ExposedCounters exposed = reading.from(read);
        for (Assignment assignment : holding) {
            Optional<Instant> exposure = exposed.firstExposure(assignment.experiment());
            if (exposure.isPresent()) {
                Instant start = exposure.get().isAfter(device.firstSeen()) ? exposure.get() : device.firstSeen();
                exposed.count(assignment, MetricBatch.of(counted.stream()
                        .filter(event -> !event.at().isBefore(start)).toList()).values());
            }
        }
        exposed.writeTo(script, kind, stripe);
        script.runOn(connection, kind);
        return fresh.size();
    }
}
