package dev.abkit.stats;

import dev.abkit.core.event.MetricName;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.results.ConversionHistory;
import dev.abkit.core.results.ResultsQuery;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.abkit.stats.ResultRows.compared;
import static dev.abkit.stats.ResultRows.control;
import static dev.abkit.stats.ResultRows.empty;
import static dev.abkit.stats.ResultRows.results;
import static org.assertj.core.api.Assertions.assertThat;

/** The results view model says in words what was counted and shows an unknown figure as a dash. */
class ResultsPageModelTest {

    static final ExperimentKey KEY = ExperimentKey.of("checkout");
    static final MetricName PURCHASE = MetricName.of("purchase");
    static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    static final Instant TO = Instant.parse("2026-11-20T12:30:00Z");

    @Test
    void the_window_is_said_in_words_either_end_open() {
        assertThat(window(Optional.empty(), Optional.empty())).isEqualTo("the experiment's whole life");
        assertThat(window(Optional.of(FROM), Optional.empty())).isEqualTo("from 2026-11-01 00:00 UTC");
        assertThat(window(Optional.empty(), Optional.of(TO))).isEqualTo("before 2026-11-20 12:30 UTC");
        assertThat(window(Optional.of(FROM), Optional.of(TO)))
                .isEqualTo("from 2026-11-01 00:00 UTC to before 2026-11-20 12:30 UTC");
    }

    @Test
    void an_option_without_devices_shows_dashes_and_no_intervals() {
        ResultsPage.Row row = ResultsPage.Row.of(empty("B"), "A");

        assertThat(row.control()).isFalse();
        assertThat(row.devices()).isEqualTo("0");
        assertThat(List.of(row.rate(), row.difference(), row.lift(), row.pValue(), row.pValueAdjusted(), row.mean()))
                .containsOnly("—");
        assertThat(row.rateInterval()).isNull();
        assertThat(row.differenceInterval()).isNull();
    }

    @Test
    void the_mean_columns_appear_only_for_a_value_metric() {
        ResultsPage.Results conversions = ResultsPage.Results.of(query(Optional.empty(), Optional.empty()),
                results("A", control("A", 100, 10), compared("B", 0.01, -0.02, 0.04)), noHistory(), true);

        assertThat(conversions.valueMetric()).isFalse();
        assertThat(conversions.rows()).extracting(ResultsPage.Row::control).containsExactly(true, false);
        assertThat(conversions.forest().rows()).hasSize(1);
    }

    @Test
    void a_single_option_has_nothing_to_compare() {
        ResultsPage.Results single = ResultsPage.Results.of(query(Optional.empty(), Optional.empty()),
                results("A", control("A", 100, 10)), noHistory(), true);

        assertThat(single.forest()).isNull();
        assertThat(single.history()).isNull();
    }

    private static String window(Optional<Instant> from, Optional<Instant> to) {
        return ResultsPage.Results.of(query(from, to), results("A", control("A", 100, 10)), noHistory(), true).window();
    }

    private static ResultsQuery query(Optional<Instant> from, Optional<Instant> to) {
        return new ResultsQuery(KEY, PURCHASE, from, to, false, Optional.empty());
    }

    private static ConversionHistory noHistory() {
        return new ConversionHistory(KEY, PURCHASE, List.of("A"), List.of());
    }
}
