package dev.abkit.core.results;

import dev.abkit.core.event.MetricName;
import dev.abkit.core.model.ExperimentKey;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * An experiment's cumulative conversion per option at the end of each UTC day (the daily chart of the results
 * view): one {@link Day} per day from the first assignment to today, without gaps, each with one {@link Point}
 * per option in the experiment's order.
 */
public record ConversionHistory(ExperimentKey experiment, MetricName metric, List<String> options, List<Day> days) {

    public ConversionHistory {
        Objects.requireNonNull(experiment, "experiment");
        Objects.requireNonNull(metric, "metric");
        options = List.copyOf(options);
        days = List.copyOf(days);
        for (Day day : days) {
            if (day.points().size() != options.size()) {
                throw new IllegalArgumentException(day.day() + " has " + day.points().size() + " points for "
                        + options.size() + " options");
            }
        }
    }

    /** @param points per option in the experiment's order */
    public record Day(LocalDate day, List<Point> points) {

        public Day {
            Objects.requireNonNull(day, "day");
            points = List.copyOf(points);
        }
    }

    /**
     * Up to the end of the day: {@code devices} assigned, {@code conversions} among them; the rate with its Wilson
     * interval (empty without devices).
     */
    public record Point(long devices, long conversions, java.util.OptionalDouble rate, java.util.OptionalDouble rateLow,
                        java.util.OptionalDouble rateHigh) {
    }
}
