package dev.abkit.persistence;

import java.time.Instant;

/**
 * One device's counted events of one metric, as the row {@code device_metric} holds them.
 *
 * @param firstAt the corrected time of its earliest counted event; null while it has none
 */
record DeviceMetric(long events, long valued, double total, Instant firstAt) {

    static final DeviceMetric NONE = new DeviceMetric(0, 0, 0, null);

    boolean converted() {
        return events > 0;
    }

    DeviceMetric plus(MetricBatch batch) {
        Instant first = firstAt == null || batch.earliest().isBefore(firstAt) ? batch.earliest() : firstAt;
        return new DeviceMetric(events + batch.events(), valued + batch.valued(), total + batch.total(), first);
    }
}
