package dev.abkit.core.results;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class HolmAdjustmentTest {

    /**
     * The textbook example of the Wikipedia article "Holm–Bonferroni method": p = 0.01, 0.04, 0.03, 0.005 at
     * α = 0.05 rejects hypotheses one and four only. Adjusted: 4 × 0.005, 3 × 0.01, then 2 × 0.03 and, kept
     * monotone, 0.06 again for 0.04.
     */
    @Test
    void reproduces_the_textbook_example_in_input_order() {
        List<Double> adjusted = HolmAdjustment.adjust(List.of(0.01, 0.04, 0.03, 0.005));

        assertAdjusted(adjusted, 0.03, 0.06, 0.06, 0.02);
        assertThat(adjusted.stream().filter(p -> p < 0.05).count()).isEqualTo(2);
    }

    /** The docstring example of MultipleTesting.jl's Holm adjustment (juliangehring/MultipleTesting.jl). */
    @Test
    void reproduces_the_multiple_testing_jl_example() {
        assertAdjusted(HolmAdjustment.adjust(List.of(0.001, 0.01, 0.03, 0.5)), 0.004, 0.03, 0.06, 0.5);
    }

    private static void assertAdjusted(List<Double> adjusted, double... expected) {
        assertThat(adjusted).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(adjusted.get(i)).as("adjusted p-value %d", i).isCloseTo(expected[i], within(1e-15));
        }
    }

    @Test
    void caps_at_one_and_leaves_a_single_p_value_alone() {
        assertThat(HolmAdjustment.adjust(List.of(0.5, 0.6))).containsExactly(1.0, 1.0);
        assertThat(HolmAdjustment.adjust(List.of(0.037))).containsExactly(0.037);
        assertThat(HolmAdjustment.adjust(List.of())).isEmpty();
    }

    @Test
    void adjusted_values_are_monotone_in_the_raw_order_never_below_raw_and_never_above_one() {
        Random random = new Random(14);
        for (int round = 0; round < 500; round++) {
            int m = 1 + random.nextInt(8);
            List<Double> raw = new ArrayList<>();
            for (int i = 0; i < m; i++) {
                raw.add(random.nextInt(4) == 0 ? random.nextDouble() * 1e-6 : random.nextDouble());
            }
            List<Double> adjusted = HolmAdjustment.adjust(raw);
            List<Integer> order = IntStream.range(0, m).boxed().sorted(Comparator.comparingDouble(raw::get)).toList();

            for (int i = 0; i < m; i++) {
                assertThat(adjusted.get(i)).isBetween(raw.get(i), 1.0);
            }
            for (int rank = 1; rank < m; rank++) {
                assertThat(adjusted.get(order.get(rank))).isGreaterThanOrEqualTo(adjusted.get(order.get(rank - 1)));
            }
        }
    }

    @Test
    void refuses_values_that_are_not_probabilities() {
        assertThatThrownBy(() -> HolmAdjustment.adjust(List.of(0.2, Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> HolmAdjustment.adjust(List.of(1.5)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
