package dev.abkit.stats;

import org.junit.jupiter.api.Test;

import static dev.abkit.stats.ResultRows.compared;
import static dev.abkit.stats.ResultRows.control;
import static dev.abkit.stats.ResultRows.empty;
import static dev.abkit.stats.ResultRows.results;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the forest plot puts its marks. The plot spans x = 112 to 328 of a 360-unit viewBox; an interval of
 * −2 to +6 points is widened to no round step, so x = 112 + (d + 2) / 8 · 216.
 */
class ForestPlotTest {

    @Test
    void a_known_interval_lands_at_known_x() {
        ForestPlot plot = ForestPlot.of(results("A", control("A", 100, 10), compared("B", 0.02, -0.02, 0.06)));

        ForestPlot.Row b = plot.rows().get(0);
        assertThat(b.low()).isEqualTo("112.0");
        assertThat(b.estimate()).isEqualTo("220.0");
        assertThat(b.high()).isEqualTo("328.0");
        assertThat(plot.zeroX()).as("the control's line at 0").isEqualTo("166.0");
    }

    @Test
    void the_axis_is_in_signed_percentage_points() {
        ForestPlot plot = ForestPlot.of(results("A", control("A", 100, 10), compared("B", 0.02, -0.02, 0.06)));

        assertThat(plot.ticks()).extracting(ForestPlot.Tick::x)
                .containsExactly("112.0", "166.0", "220.0", "274.0", "328.0");
        assertThat(plot.ticks()).extracting(ForestPlot.Tick::label).containsExactly("−2", "0", "+2", "+4", "+6");
        assertThat(plot.axisTitle()).contains("percentage points");
    }

    @Test
    void zero_stays_on_the_plot_when_every_option_is_better() {
        ForestPlot plot = ForestPlot.of(results("A", control("A", 100, 10), compared("B", 0.05, 0.03, 0.07)));

        assertThat(plot.zeroX()).isEqualTo("112.0");
        assertThat(plot.rows().get(0).verdict()).isEqualTo("above");
    }

    /**
     * Every option worse: zero, and the "control" label centred on it, at the plot's right end. The label is 7
     * characters of 13-unit bold text, at most about 8 units each: half of it must fit between the end and the edge.
     */
    @Test
    void zero_and_the_control_label_stay_inside_the_picture_when_every_option_is_worse() {
        ForestPlot plot = ForestPlot.of(results("A", control("A", 100, 10), compared("B", -0.05, -0.07, -0.03)));

        assertThat(plot.zeroX()).isEqualTo("328.0");
        assertThat(plot.ticks().get(plot.ticks().size() - 1).x()).isEqualTo("328.0");
        assertThat(ForestPlot.WIDTH - ForestPlot.PLOT_RIGHT).isGreaterThanOrEqualTo("control".length() * 8 / 2.0);
        assertThat(plot.rows().get(0).verdict()).isEqualTo("below");
    }

    @Test
    void one_row_per_option_other_than_the_control_each_below_the_last() {
        ForestPlot plot = ForestPlot.of(results("B",
                compared("A", -0.01, -0.03, 0.01), control("B", 100, 10), compared("C", -0.04, -0.06, -0.02),
                empty("D")));

        assertThat(plot.rows()).extracting(ForestPlot.Row::value).containsExactly("A", "C", "D");
        assertThat(plot.rows()).extracting(ForestPlot.Row::y).containsExactly("42.0", "74.0", "106.0");
        assertThat(plot.rows()).extracting(ForestPlot.Row::verdict).containsExactly("overlaps", "below", null);
        assertThat(plot.rows().get(2).drawn()).as("no devices, nothing to draw").isFalse();
        assertThat(plot.plotBottom()).isEqualTo("122.0");
        assertThat(plot.viewBox()).isEqualTo("0 0 360 172.0");
    }

    @Test
    void title_and_description_say_what_the_picture_shows() {
        ForestPlot plot = ForestPlot.of(results("A", control("A", 100, 10), compared("B", 0.025, -0.004, 0.0472),
                empty("C")));

        assertThat(plot.title()).isEqualTo("Difference from the control, A");
        assertThat(plot.description()).contains("B +2.5 pp (−0.40 to +4.7 pp)", "C no difference yet");
    }

    @Test
    void long_option_values_are_shortened_in_the_picture_only() {
        String value = "a rather long option value";
        ForestPlot plot = ForestPlot.of(results("A", control("A", 100, 10), compared(value, 0.01, -0.01, 0.03)));

        assertThat(plot.rows().get(0).label()).isEqualTo("a rather lo…").hasSize(ForestPlot.LABEL_LENGTH);
        assertThat(plot.rows().get(0).value()).isEqualTo(value);
    }

    @Test
    void a_long_value_of_emoji_is_shortened_by_characters_never_splitting_one() {
        String value = "😀".repeat(ForestPlot.LABEL_LENGTH + 1);
        ForestPlot plot = ForestPlot.of(results("A", control("A", 100, 10), compared(value, 0.01, -0.01, 0.03)));

        assertThat(plot.rows().get(0).label()).isEqualTo("😀".repeat(ForestPlot.LABEL_LENGTH - 1) + "…");
        String exactlyTwelve = "😀".repeat(ForestPlot.LABEL_LENGTH);
        assertThat(ForestPlot.of(results("A", control("A", 100, 10), compared(exactlyTwelve, 0.01, -0.01, 0.03)))
                .rows().get(0).label()).isEqualTo(exactlyTwelve);
    }
}
