package dev.abkit.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

class LinearScaleTest {

    @Test
    void maps_the_domain_linearly_onto_the_range() {
        LinearScale scale = new LinearScale(-2, 6, 100, 300);

        assertThat(scale.at(-2)).isEqualTo(100);
        assertThat(scale.at(0)).isEqualTo(150);
        assertThat(scale.at(6)).isEqualTo(300);
        assertThat(scale.at(2)).isEqualTo(200);
    }

    @Test
    void a_range_may_run_backwards_as_a_y_axis_does() {
        LinearScale y = new LinearScale(0, 20, 196, 26);

        assertThat(y.at(0)).isEqualTo(196);
        assertThat(y.at(20)).isEqualTo(26);
        assertThat(y.at(10)).isEqualTo(111);
    }

    @Test
    void nice_widens_the_data_to_round_ticks() {
        LinearScale scale = LinearScale.nice(-1.3, 5.1, 4, 0, 100);

        assertThat(scale.domainLow()).isEqualTo(-2);
        assertThat(scale.domainHigh()).isEqualTo(6);
        assertThat(scale.ticks()).containsExactly(-2.0, 0.0, 2.0, 4.0, 6.0);
        assertThat(scale.tickText(-2)).isEqualTo("-2");
    }

    @Test
    void small_ranges_get_decimal_ticks_without_drift() {
        LinearScale scale = LinearScale.nice(0, 0.27, 4, 0, 100);

        assertThat(scale.domainHigh()).isCloseTo(0.3, offset(1e-12));
        assertThat(scale.ticks()).hasSize(4);
        assertThat(scale.ticks().stream().map(scale::tickText)).containsExactly("0.0", "0.1", "0.2", "0.3");
    }

    @Test
    void an_empty_range_is_widened_and_zero_is_never_negative() {
        LinearScale scale = LinearScale.nice(0, 0, 4, 0, 100);

        assertThat(scale.domainLow()).isLessThan(0);
        assertThat(scale.domainHigh()).isGreaterThan(0);
        assertThat(scale.ticks()).contains(0.0).doesNotContain(-0.0);
    }

    @Test
    void refuses_an_empty_domain() {
        assertThatThrownBy(() -> new LinearScale(1, 1, 0, 100)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void coordinates_have_one_decimal_whatever_the_locale() {
        assertThat(LinearScale.coordinate(228)).isEqualTo("228.0");
        assertThat(LinearScale.coordinate(1.25)).isEqualTo("1.3");
    }
}
