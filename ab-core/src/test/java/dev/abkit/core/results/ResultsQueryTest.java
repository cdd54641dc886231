package dev.abkit.core.results;

import dev.abkit.core.error.InvalidResultsQueryException;
import dev.abkit.core.event.MetricName;
import dev.abkit.core.model.ExperimentKey;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A query's window: not empty, and inside the years every store can count days in. */
class ResultsQueryTest {

    private static final ExperimentKey KEY = ExperimentKey.of("checkout");
    private static final MetricName METRIC = MetricName.of("purchase");

    private static ResultsQuery window(Instant from, Instant to) {
        return new ResultsQuery(KEY, METRIC, Optional.ofNullable(from), Optional.ofNullable(to), false, Optional.empty());
    }

    @Test
    void an_empty_window_is_refused_naming_from() {
        Instant noon = Instant.parse("2026-12-03T12:00:00Z");
        assertThatThrownBy(() -> window(noon, noon))
                .isInstanceOfSatisfying(InvalidResultsQueryException.class, e -> assertThat(e.parameter()).isEqualTo("from"));
    }

    @Test
    void ends_in_the_years_0001_to_9999_are_taken_and_others_refused_naming_the_end() {
        Instant first = Instant.parse("0001-01-01T00:00:00Z");
        Instant last = Instant.parse("9999-12-31T23:59:59.999999Z");
        assertThat(window(first, last).from()).contains(first);

        assertThatThrownBy(() -> window(null, Instant.MAX))
                .isInstanceOfSatisfying(InvalidResultsQueryException.class, e -> assertThat(e.parameter()).isEqualTo("to"))
                .hasMessageContaining("must lie in the years 0001 to 9999");
        assertThatThrownBy(() -> window(last.plusNanos(1000), null))
                .isInstanceOfSatisfying(InvalidResultsQueryException.class, e -> assertThat(e.parameter()).isEqualTo("from"));
        assertThatThrownBy(() -> window(first.minusNanos(1), null))
                .isInstanceOfSatisfying(InvalidResultsQueryException.class, e -> assertThat(e.parameter()).isEqualTo("from"));
    }
}
