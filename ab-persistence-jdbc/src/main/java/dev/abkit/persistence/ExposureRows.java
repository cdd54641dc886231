package dev.abkit.persistence;

import dev.abkit.core.event.Exposure;
import dev.abkit.core.event.ExposureBatch;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ExperimentKey;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rows of {@code exposure}: the earliest exposure per experiment and device. Written in the SQL both
 * databases share (H2 has no {@code on conflict (...) do update}): insert unless present, then move the
 * time back if this one is earlier, a compare-and-set under the row's lock.
 */
final class ExposureRows {

    private ExposureRows() {
    }

    static void keepEarliest(Connection connection, DatabaseKind kind, DeviceToken device, ExposureBatch batch)
            throws SQLException {
        Map<ExperimentKey, Instant> earliest = new TreeMap<>(); // in key order: rows locked in one order
        for (Exposure exposure : batch.exposures()) {
            earliest.merge(exposure.experiment(), exposure.at().truncatedTo(ChronoUnit.MICROS),
                    (one, other) -> one.isBefore(other) ? one : other);
        }
        Script script = new Script();
        for (Map.Entry<ExperimentKey, Instant> exposure : earliest.entrySet()) {
            script.write("insert into exposure (experiment_key, device_token, first_at) values (?, ?, ?)"
                            + " on conflict do nothing",
                    exposure.getKey().value(), device.value(), Timestamps.of(exposure.getValue()));
            script.write("update exposure set first_at = ? where experiment_key = ? and device_token = ? and first_at > ?",
                    Timestamps.of(exposure.getValue()), exposure.getKey().value(), device.value(),
                    Timestamps.of(exposure.getValue()));
        }
        script.runOn(connection, kind);
    }
}
