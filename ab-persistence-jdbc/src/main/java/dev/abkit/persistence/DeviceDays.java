package dev.abkit.persistence;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One device's counted events of one metric per UTC day of their corrected time, as {@code device_metric_day}
 * (V18) holds them, and what a change of them moves in the day-pair counters of an option the device holds
 * ({@code day_pair_count}): the pairs of consecutive days, the day sums, and the products of two days' totals.
 */
record DeviceDays(NavigableMap<LocalDate, Day> days) {

    static final DeviceDays NONE = new DeviceDays(new TreeMap<>());

    /** One day's counted events of the device: how many, how many carried a value, and their sum. */
    record Day(long events, long valued, double total) {

        Day plus(Day other) {
            return new Day(events + other.events, valued + other.valued, total + other.total);
        }
    }

    /** A cell of {@code day_pair_count}: a pair of days, {@code first <= second}. */
    record Cell(LocalDate second, LocalDate first) implements Comparable<Cell> {

        @Override
        public int compareTo(Cell other) {
            int bySecond = second.compareTo(other.second);
            return bySecond != 0 ? bySecond : first.compareTo(other.first);
        }
    }

    /** What one device's change adds to one cell. */
    record CellDelta(long devices, long valued, double total, double product) {

        CellDelta plus(CellDelta other) {
            return new CellDelta(devices + other.devices, valued + other.valued, total + other.total,
                    product + other.product);
        }

        boolean isZero() {
            return devices == 0 && valued == 0 && total == 0 && product == 0;
        }
    }

    DeviceDays {
        days = Collections.unmodifiableNavigableMap(new TreeMap<>(days));
    }

    /** Rows of one day's figures each, under a key (a metric, or an experiment and a metric), as each key's days. */
    static <K> Map<K, DeviceDays> byKey(List<Map.Entry<K, Map.Entry<LocalDate, Day>>> rows) {
        Map<K, TreeMap<LocalDate, Day>> grouped = new HashMap<>();
        rows.forEach(row -> grouped.computeIfAbsent(row.getKey(), key -> new TreeMap<>())
                .put(row.getValue().getKey(), row.getValue().getValue()));
        Map<K, DeviceDays> days = new HashMap<>();
        grouped.forEach((key, ofKey) -> days.put(key, new DeviceDays(ofKey)));
        return days;
    }

    /** These days with a batch's days added. */
    DeviceDays plus(MetricBatch batch) {
        TreeMap<LocalDate, Day> after = new TreeMap<>(days);
        batch.days().forEach((day, figures) -> after.merge(day, figures, Day::plus));
        return new DeviceDays(after);
    }

    /** The days whose figures differ in {@code after}, with their figures there. */
    SortedMap<LocalDate, Day> changedIn(DeviceDays after) {
        SortedMap<LocalDate, Day> changed = new TreeMap<>();
        after.days.forEach((day, figures) -> {
            if (!figures.equals(days.get(day))) {
                changed.put(day, figures);
            }
        });
        return changed;
    }

    /**
     * What replacing these days by {@code after} changes in the cells of an option the device holds; cells that do
     * not change are left out.
     */
    SortedMap<Cell, CellDelta> cellsChangedTo(DeviceDays after) {
        SortedMap<Cell, CellDelta> cells = new TreeMap<>();
        for (Cell cell : after.consecutivePairs()) {
            cells.merge(cell, new CellDelta(1, 0, 0, 0), CellDelta::plus);
        }
        for (Cell cell : consecutivePairs()) {
            cells.merge(cell, new CellDelta(-1, 0, 0, 0), CellDelta::plus);
        }
        SortedMap<LocalDate, Day> changed = changedIn(after);
        TreeSet<LocalDate> all = new TreeSet<>(days.keySet());
        all.addAll(after.days.keySet());
        for (LocalDate day : changed.keySet()) {
            Day was = days.getOrDefault(day, new Day(0, 0, 0));
            Day now = changed.get(day);
            cells.merge(new Cell(day, day), new CellDelta(0, now.valued - was.valued, now.total - was.total, 0),
                    CellDelta::plus);
            for (LocalDate other : all) {
                if (changed.containsKey(other) && other.isBefore(day)) {
                    continue; // the pair of two changed days is counted once, from its later day
                }
                double product = total(after, day) * total(after, other) - total(this, day) * total(this, other);
                Cell cell = other.isBefore(day) ? new Cell(day, other) : new Cell(other, day);
                cells.merge(cell, new CellDelta(0, 0, 0, product), CellDelta::plus);
            }
        }
        cells.values().removeIf(CellDelta::isZero);
        return cells;
    }

    private List<Cell> consecutivePairs() {
        List<Cell> pairs = new ArrayList<>();
        LocalDate previous = null;
        for (LocalDate day : days.keySet()) {
            pairs.add(new Cell(day, previous == null ? day : previous));
            previous = day;
        }
        return pairs;
    }

    private static double total(DeviceDays days, LocalDate day) {
        Day figures = days.days.get(day);
        return figures == null ? 0 : figures.total;
    }
}
