package dev.abkit.persistence;

import dev.abkit.core.event.Event;

import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one batch adds to one device's figures of one metric: its counted events, grouped, so that each
 * metric costs one row update per table however many events of it the batch holds.
 *
 * @param valued   events that carried a value
 * @param total    the sum of their values
 * @param earliest the earliest corrected time
 */
record MetricBatch(String metric, long events, long valued, double total, Instant earliest) {

    /** The counted events by metric name, in name order (the order rows are locked in). */
    static SortedMap<String, MetricBatch> of(List<Event> counted) {
        SortedMap<String, MetricBatch> byMetric = new TreeMap<>();
        for (Event event : counted) {
            MetricBatch one = new MetricBatch(event.metric().value(), 1, event.value() == null ? 0 : 1,
                    event.value() == null ? 0 : event.value().amount(), event.at());
            byMetric.merge(one.metric(), one, MetricBatch::plus);
        }
        return byMetric;
    }

    private MetricBatch plus(MetricBatch other) {
        return new MetricBatch(metric, events + other.events, valued + other.valued, total + other.total,
                earliest.isBefore(other.earliest) ? earliest : other.earliest);
    }
}
