package dev.abkit.core.results;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueTypesTest {

    @Test
    void a_proportion_needs_successes_between_zero_and_its_trials() {
        assertThat(new Proportion(3, 12).rate()).hasValue(0.25);
        assertThatThrownBy(() -> new Proportion(4, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 0 and 3");
        assertThatThrownBy(() -> new Proportion(-1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Proportion(0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_confidence_level_lies_strictly_between_zero_and_one() {
        assertThat(Confidence.NINETY_FIVE_PERCENT.z()).isBetween(1.95996398454, 1.95996398455);
        assertThatThrownBy(() -> new Confidence(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Confidence(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Confidence(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_interval_is_finite_and_ordered() {
        assertThat(new Interval(-0.5, 0.5).contains(0.5)).isTrue();
        assertThat(new Interval(-0.5, 0.5).contains(0.6)).isFalse();
        assertThatThrownBy(() -> new Interval(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Interval(Double.NaN, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
