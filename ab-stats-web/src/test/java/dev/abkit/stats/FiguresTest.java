package dev.abkit.stats;

import org.junit.jupiter.api.Test;

import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

/** The core's fractions become percentages and points for the eye, without changing their value. */
class FiguresTest {

    @Test
    void rates_are_fractions_shown_as_percentages() {
        assertThat(Figures.percent(of(0.125))).isEqualTo("12.5%");
        assertThat(Figures.percent(of(0.1))).isEqualTo("10.0%");
        assertThat(Figures.percent(of(1))).isEqualTo("100.0%");
        assertThat(Figures.percent(of(0))).isEqualTo("0.0%");
        assertThat(Figures.percent(of(0.33333))).isEqualTo("33.3%");
    }

    @Test
    void below_one_percent_a_second_decimal_keeps_the_figure_visible() {
        assertThat(Figures.percent(of(0.0035))).isEqualTo("0.35%");
        assertThat(Figures.percent(of(0.00004))).isEqualTo("0.00%");
        assertThat(Figures.percent(of(0.00996))).as("rounds up to one percent").isEqualTo("1.0%");
    }

    @Test
    void differences_of_rates_are_signed_percentage_points() {
        assertThat(Figures.points(of(0.025))).isEqualTo("+2.5 pp");
        assertThat(Figures.points(of(-0.125))).isEqualTo("−12.5 pp");
        assertThat(Figures.points(of(0.0024))).isEqualTo("+0.24 pp");
        assertThat(Figures.points(of(0))).isEqualTo("0.0 pp");
        assertThat(Figures.pointsInterval(of(-0.004), of(0.0472))).isEqualTo("−0.40 to +4.7 pp");
    }

    @Test
    void lift_is_a_signed_percentage() {
        assertThat(Figures.signedPercent(of(0.6))).isEqualTo("+60.0%");
        assertThat(Figures.signedPercent(of(-1))).isEqualTo("−100.0%");
    }

    @Test
    void intervals_need_both_ends() {
        assertThat(Figures.percentInterval(of(0.086), of(0.178))).isEqualTo("8.6% – 17.8%");
        assertThat(Figures.percentInterval(OptionalDouble.empty(), of(0.178))).isNull();
        assertThat(Figures.pointsInterval(of(0.01), OptionalDouble.empty())).isNull();
        assertThat(Figures.amountInterval(OptionalDouble.empty(), OptionalDouble.empty())).isNull();
    }

    @Test
    void p_values_have_four_decimals_and_a_floor() {
        assertThat(Figures.pValue(of(0.04213))).isEqualTo("0.0421");
        assertThat(Figures.pValue(of(1))).isEqualTo("1.0000");
        assertThat(Figures.pValue(of(0.0001))).isEqualTo("0.0001");
        assertThat(Figures.pValue(of(0.00004))).isEqualTo("< 0.0001");
        assertThat(Figures.pValue(of(0))).isEqualTo("< 0.0001");
    }

    @Test
    void means_keep_cents_when_large_and_four_digits_when_small() {
        assertThat(Figures.amount(of(1234.5))).isEqualTo("1,234.50");
        assertThat(Figures.amount(of(12.3456))).isEqualTo("12.35");
        assertThat(Figures.amount(of(0.004213))).isEqualTo("0.004213");
        assertThat(Figures.signedAmount(of(-1234.5))).isEqualTo("−1,234.50");
        assertThat(Figures.signedAmount(of(-0.0042))).isEqualTo("−0.0042");
        assertThat(Figures.signedAmountInterval(of(-0.5), of(1.25))).isEqualTo("−0.5 to +1.25");
    }

    @Test
    void an_unknown_figure_is_a_dash_never_nan_or_blank() {
        OptionalDouble none = OptionalDouble.empty();
        assertThat(Figures.percent(none)).isEqualTo("—");
        assertThat(Figures.points(none)).isEqualTo("—");
        assertThat(Figures.signedPercent(none)).isEqualTo("—");
        assertThat(Figures.pValue(none)).isEqualTo("—");
        assertThat(Figures.amount(none)).isEqualTo("—");
        assertThat(Figures.signedAmount(none)).isEqualTo("—");
    }

    @Test
    void counts_get_thousands_separators() {
        assertThat(Figures.count(1_234_567)).isEqualTo("1,234,567");
        assertThat(Figures.expectedCount(333.3333)).isEqualTo("333.3");
    }

    private static OptionalDouble of(double value) {
        return OptionalDouble.of(value);
    }
}
