package dev.abkit.core.results;

import dev.abkit.core.error.InvalidResultsQueryException;
import dev.abkit.core.event.MetricName;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.StorableYears;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What an analyst asks of one experiment (issue 14): one metric, an optional half-open window
 * {@code [from, to)} on event time (either end may be open), whether only exposed devices count, and
 * the option to compare the others with (the experiment's first when empty).
 *
 * <p>The ends lie in {@link StorableYears}: every store can hold those and count days around them, and no event
 * lies outside them.
 *
 * @throws InvalidResultsQueryException naming {@code from} when both ends are given and {@code from} is
 *                                      not before {@code to}, and naming the end that lies outside those years
 */
public record ResultsQuery(ExperimentKey experiment, MetricName metric, Optional<Instant> from, Optional<Instant> to,
                           boolean exposed, Optional<String> control) {

    public ResultsQuery {
        Objects.requireNonNull(experiment, "experiment");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(control, "control");
        requireInYears("from", from);
        requireInYears("to", to);
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new InvalidResultsQueryException("from", "the window [from, to) must not be empty: from ("
                    + from.get() + ") must be before to (" + to.get() + ")");
        }
    }

    /** The whole life of the experiment, all devices, against the first option. */
    public static ResultsQuery wholeLife(ExperimentKey experiment, MetricName metric) {
        return new ResultsQuery(experiment, metric, Optional.empty(), Optional.empty(), false, Optional.empty());
    }

    /** Whether the query reads the whole life of the experiment, of every device or of the exposed ones: what counters answer. */
    public boolean isWholeLife() {
        return from.isEmpty() && to.isEmpty();
    }

    private static void requireInYears(String end, Optional<Instant> instant) {
        if (instant.isPresent() && !StorableYears.contain(instant.get())) {
            throw new InvalidResultsQueryException(end, StorableYears.RULE + " (got " + instant.get() + ")");
        }
    }
}
