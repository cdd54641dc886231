package dev.abkit.persistence;

import dev.abkit.core.event.Event;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one batch adds to one device's figures of one metric: its counted events, grouped, so that each
 * metric costs one row update per table however many events of it the batch holds; and per UTC day, for the
 * day-pair counters (V18).
 *
 * @param valued   events that carried a value
 * @param total    the sum of their values
 * @param earliest the earliest corrected time
 * @param days     the same figures per UTC day of the corrected time
 */
record MetricBatch(String metric, long events, long valued, double total, Instant earliest,
                   SortedMap<LocalDate, DeviceDays.Day> days) {

    MetricBatch {
        days = Collections.unmodifiableSortedMap(new TreeMap<>(days));
    }

    /** The figures of one day's events of {@code metric}, as a query grouped by metric and day gives them. */
    static MetricBatch ofDay(String metric, LocalDate day, long events, long valued, double total, Instant earliest) {
        return new MetricBatch(metric, events, valued, total, earliest,
                new TreeMap<>(Map.of(day, new DeviceDays.Day(events, valued, total))));
    }

    /** The counted events by metric name, in name order (the order rows are locked in). */
    static SortedMap<String, MetricBatch> of(List<Event> counted) {
        return merged(counted.stream().map(event -> ofDay(event.metric().value(), Timestamps.utcDay(event.at()), 1,
                event.value() == null ? 0 : 1, event.value() == null ? 0 : event.value().amount(), event.at())).toList());
    }

    /** Batches of the same metric added up, by metric name in name order. */
    static SortedMap<String, MetricBatch> merged(Collection<MetricBatch> batches) {
        SortedMap<String, MetricBatch> byMetric = new TreeMap<>();
        for (MetricBatch batch : batches) {
            byMetric.merge(batch.metric(), batch, MetricBatch::plus);
        }
        return byMetric;
    }

    private MetricBatch plus(MetricBatch other) {
        TreeMap<LocalDate, DeviceDays.Day> both = new TreeMap<>(days);
        other.days.forEach((day, figures) -> both.merge(day, figures, DeviceDays.Day::plus));
        return new MetricBatch(metric, events + other.events, valued + other.valued, total + other.total,
                earliest.isBefore(other.earliest) ? earliest : other.earliest, both);
    }
}
