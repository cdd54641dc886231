package dev.abkit.core.results;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class GoodnessOfFitTest {

    /** SciPy's {@code scipy.stats.chisquare} docstring: {@code chisquare([16, 18, 16, 14, 12, 12])} is (2.0, 0.84914503608460956). */
    @Test
    void matches_scipy_for_uniform_shares() {
        GoodnessOfFit fit = GoodnessOfFit.pearson(List.of(16L, 18L, 16L, 14L, 12L, 12L),
                List.of(1.0, 1.0, 1.0, 1.0, 1.0, 1.0)).orElseThrow();

        assertThat(fit.chiSquare()).isCloseTo(2.0, within(1e-12));
        assertThat(fit.degreesOfFreedom()).isEqualTo(5);
        assertThat(fit.pValue()).isCloseTo(0.84914503608460956, within(1e-13));
    }

    /**
     * The same docstring with {@code f_exp=[16, 16, 16, 16, 16, 8]}: (3.5, 0.62338762774958223). The expected counts
     * sum to the 88 observed, so as shares they are the same test.
     */
    @Test
    void matches_scipy_for_unequal_shares() {
        GoodnessOfFit fit = GoodnessOfFit.pearson(List.of(16L, 18L, 16L, 14L, 12L, 12L),
                List.of(16.0, 16.0, 16.0, 16.0, 16.0, 8.0)).orElseThrow();

        assertThat(fit.chiSquare()).isCloseTo(3.5, within(1e-12));
        assertThat(fit.pValue()).isCloseTo(0.62338762774958223, within(1e-13));
    }

    @Test
    void shares_are_normalised_so_weights_and_fractions_give_the_same_test() {
        GoodnessOfFit weights = GoodnessOfFit.pearson(List.of(480L, 530L), List.of(50.0, 50.0)).orElseThrow();
        GoodnessOfFit fractions = GoodnessOfFit.pearson(List.of(480L, 530L), List.of(0.5, 0.5)).orElseThrow();

        assertThat(weights.pValue()).isCloseTo(fractions.pValue(), within(1e-15));
    }

    @Test
    void a_perfect_fit_has_p_value_one_and_a_gross_mismatch_a_tiny_positive_one() {
        GoodnessOfFit perfect = GoodnessOfFit.pearson(List.of(250L, 750L), List.of(1.0, 3.0)).orElseThrow();
        GoodnessOfFit lost = GoodnessOfFit.pearson(List.of(10_000L, 8_000L), List.of(1.0, 1.0)).orElseThrow();

        assertThat(perfect.chiSquare()).isZero();
        assertThat(perfect.pValue()).isEqualTo(1.0);
        assertThat(lost.pValue()).isPositive().isLessThan(1e-40);
    }

    @Test
    void nothing_observed_gives_no_test() {
        assertThat(GoodnessOfFit.pearson(List.of(0L, 0L, 0L), List.of(1.0, 1.0, 2.0))).isEmpty();
    }

    @Test
    void refuses_mismatched_or_invalid_inputs() {
        assertThatThrownBy(() -> GoodnessOfFit.pearson(List.of(1L), List.of(1.0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least two categories");
        assertThatThrownBy(() -> GoodnessOfFit.pearson(List.of(1L, 2L), List.of(1.0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GoodnessOfFit.pearson(List.of(1L, 2L), List.of(1.0, 0.0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> GoodnessOfFit.pearson(List.of(-1L, 2L), List.of(1.0, 1.0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }
}
