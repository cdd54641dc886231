package dev.abkit.stats;

import dev.abkit.core.event.MetricName;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.results.ConversionHistory;
import dev.abkit.core.results.ConversionHistory.Day;
import dev.abkit.core.results.ConversionHistory.Point;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the daily chart puts its lines. The plot spans x = 44 to 332 and y = 196 (0 %) up to 26 of a 360-unit
 * viewBox; rates up to 20 % give an axis of 0 to 20 %, so y = 196 − rate / 20 % · 170.
 */
class ConversionChartTest {

    static final ExperimentKey KEY = ExperimentKey.of("checkout");
    static final MetricName PURCHASE = MetricName.of("purchase");

    @Test
    void a_known_rate_on_a_known_day_lands_at_a_known_point() {
        ConversionChart chart = chart(List.of("A", "B"),
                day("2026-11-24", 0.05, 0.10),
                day("2026-11-25", 0.10, 0.20),
                day("2026-11-26", 0.125, 0.15));

        assertThat(chart.series().get(0).path()).isEqualTo("M44.0 153.5 L188.0 111.0 L332.0 89.8");
        assertThat(chart.series().get(1).path()).isEqualTo("M44.0 111.0 L188.0 26.0 L332.0 68.5");
        assertThat(chart.yTicks()).extracting(ConversionChart.Tick::label)
                .containsExactly("0%", "5%", "10%", "15%", "20%");
        assertThat(chart.yTicks()).extracting(ConversionChart.Tick::at)
                .containsExactly("196.0", "153.5", "111.0", "68.5", "26.0");
        assertThat(chart.series()).extracting(ConversionChart.Series::last).containsExactly("12.5%", "15.0%");
    }

    @Test
    void the_days_are_labelled_first_last_and_between() {
        List<Day> days = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            days.add(day(LocalDate.parse("2026-11-01").plusDays(i).toString(), 0.1));
        }
        ConversionChart chart = chart(List.of("A"), days.toArray(Day[]::new));

        assertThat(chart.xTicks()).extracting(ConversionChart.Tick::label)
                .containsExactly("Nov 1", "Nov 8", "Nov 16", "Nov 23", "Nov 30");
        assertThat(chart.xTicks()).extracting(ConversionChart.Tick::anchor).containsOnly("middle");
        assertThat(chart.xTicks().get(0).at()).isEqualTo("44.0");
        assertThat(chart.xTicks().get(4).at()).isEqualTo("332.0");
        assertThat(chart.series().get(0).markers()).as("30 days: a line without dots").isEmpty();
    }

    @Test
    void a_day_without_devices_leaves_a_gap_rather_than_a_fall_to_zero() {
        ConversionChart chart = chart(List.of("A", "B"),
                day("2026-11-24", 0.10, null),
                day("2026-11-25", 0.10, 0.20),
                day("2026-11-26", 0.10, 0.20));

        assertThat(chart.series().get(1).path()).isEqualTo("M188.0 26.0 L332.0 26.0");
        assertThat(chart.series().get(1).markers()).hasSize(2);
    }

    @Test
    void a_single_day_is_a_dot_in_the_middle() {
        ConversionChart chart = chart(List.of("A"), day("2026-11-26", 0.5));

        assertThat(chart.series().get(0).markers()).extracting(ConversionChart.Marker::x).containsExactly("188.0");
        assertThat(chart.xTicks()).extracting(ConversionChart.Tick::label).containsExactly("Nov 26");
    }

    @Test
    void nobody_converted_yet_is_a_line_at_zero_under_a_one_percent_axis() {
        ConversionChart chart = chart(List.of("A"), day("2026-11-25", 0.0), day("2026-11-26", 0.0));

        assertThat(chart.series().get(0).path()).isEqualTo("M44.0 196.0 L332.0 196.0");
        assertThat(chart.yTicks().get(chart.yTicks().size() - 1).label()).isEqualTo("1.0%");
    }

    @Test
    void each_option_has_a_colour_and_dash_pattern_of_its_own_the_first_three_differing_in_both() {
        List<String> options = new ArrayList<>();
        Double[] rates = new Double[20];
        for (int i = 0; i < 20; i++) {
            options.add("option " + i);
            rates[i] = 0.1;
        }
        ConversionChart chart = chart(options, day("2026-11-26", rates));

        assertThat(chart.series()).extracting(ConversionChart.Series::seriesClass).startsWith(
                "series-0", "series-1 dash-1", "series-2 dash-2", "series-3", "series-4 dash-1")
                .doesNotHaveDuplicates();
        assertThat(chart.series().get(8).seriesClass()).isEqualTo("series-0 dash-2");
    }

    @Test
    void no_day_yet_is_no_chart() {
        assertThat(ConversionChart.of(new ConversionHistory(KEY, PURCHASE, List.of("A"), List.of()))).isNull();
    }

    @Test
    void days_without_a_device_yet_are_no_chart_and_one_device_is() {
        assertThat(chart(List.of("A", "B"), day("2026-11-25", null, null), day("2026-11-26", null, null))).isNull();
        assertThat(chart(List.of("A", "B"), day("2026-11-25", null, null), day("2026-11-26", 0.0, null))).isNotNull();
    }

    @Test
    void the_description_reads_the_last_day() {
        ConversionChart chart = chart(List.of("A", "B"), day("2026-11-25", 0.1, 0.2), day("2026-11-26", 0.125, 0.15));

        assertThat(chart.description()).contains("purchase", "from 2026-11-25 to 2026-11-26", "A 12.5%, B 15.0%");
    }

    private static ConversionChart chart(List<String> options, Day... days) {
        return ConversionChart.of(new ConversionHistory(KEY, PURCHASE, options, List.of(days)));
    }

    /** One day; a null rate is an option without devices yet. */
    private static Day day(String date, Double... rates) {
        List<Point> points = new ArrayList<>();
        for (Double rate : rates) {
            points.add(rate == null
                    ? new Point(0, 0, OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty())
                    : new Point(1000, Math.round(rate * 1000), OptionalDouble.of(rate), OptionalDouble.empty(),
                    OptionalDouble.empty()));
        }
        return new Day(LocalDate.parse(date), points);
    }
}
