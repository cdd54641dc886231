package dev.abkit.stats;

import dev.abkit.core.error.InvalidResultsQueryException;
import dev.abkit.core.event.MetricName;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.results.ResultsQuery;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The results view's query parameters as the form sends them: every one optional, a blank one as if absent
 * (an empty form field is still sent). {@code from} and {@code to} take an ISO-8601 instant, as the results API
 * does, or a date, meaning its midnight UTC, which is what a person types. Anything else is an
 * {@link InvalidResultsQueryException} naming the parameter, as the core's own refusals of a query are.
 */
final class ResultsParameters {

    private final Optional<MetricName> metric;
    private final Optional<Instant> from;
    private final Optional<Instant> to;
    private final boolean exposed;
    private final Optional<String> control;

    private ResultsParameters(Optional<MetricName> metric, Optional<Instant> from, Optional<Instant> to,
                              boolean exposed, Optional<String> control) {
        this.metric = metric;
        this.from = from;
        this.to = to;
        this.exposed = exposed;
        this.control = control;
    }

    static ResultsParameters parse(String metric, String from, String to, String exposed, String control) {
        return new ResultsParameters(metric(metric), instant("from", from), instant("to", to), exposed(exposed),
                given(control));
    }

    /** The metric asked for, if any: without one the view shows the experiment's first. */
    Optional<MetricName> metric() {
        return metric;
    }

    ResultsQuery query(ExperimentKey experiment, MetricName chosen) {
        return new ResultsQuery(experiment, chosen, from, to, exposed, control);
    }

    private static Optional<MetricName> metric(String metric) {
        try {
            return given(metric).map(MetricName::of);
        } catch (IllegalArgumentException invalid) {
            throw new InvalidResultsQueryException("metric", invalid.getMessage());
        }
    }

    private static Optional<Instant> instant(String parameter, String text) {
        Optional<String> value = given(text);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            // To the microsecond the databases keep, as the results API reads it (finer digits dropped).
            return Optional.of(Instant.parse(value.get()).truncatedTo(ChronoUnit.MICROS));
        } catch (DateTimeParseException notAnInstant) {
            try {
                return Optional.of(LocalDate.parse(value.get()).atStartOfDay(ZoneOffset.UTC).toInstant());
            } catch (DateTimeParseException notADate) {
                throw new InvalidResultsQueryException(parameter, "must be an ISO-8601 instant such as"
                        + " 2026-11-01T00:00:00Z or a date such as 2026-11-01 (got \"" + value.get() + "\")");
            }
        }
    }

    private static boolean exposed(String exposed) {
        Optional<String> value = given(exposed);
        if (value.isEmpty() || value.get().equals("false")) {
            return false;
        }
        if (value.get().equals("true")) {
            return true;
        }
        throw new InvalidResultsQueryException("exposed", "must be true or false (got \"" + value.get() + "\")");
    }

    private static Optional<String> given(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
