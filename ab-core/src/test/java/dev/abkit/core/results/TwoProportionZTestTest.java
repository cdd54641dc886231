package dev.abkit.core.results;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static dev.abkit.core.results.Draws.binomial;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TwoProportionZTestTest {

    private static double pValue(long x1, long n1, long x2, long n2) {
        return TwoProportionZTest.pValue(new Proportion(x1, n1), new Proportion(x2, n2)).orElseThrow();
    }

    /**
     * R {@code prop.test(c(86, 57), c(600, 1024), correct = FALSE)}: "X-squared = 36.211, df = 1, p-value =
     * 1.771e-09" (R output recorded in a public analysis script of African wild dog feeding, found by exact search).
     * R prints four significant digits, so the check is to a relative 1e-3.
     */
    @Test
    void matches_r_prop_test_without_continuity_correction_far_into_the_tail() {
        double p = pValue(86, 600, 57, 1024);

        assertThat(p).isCloseTo(1.771e-9, within(1.771e-12));
    }

    @Test
    void is_the_two_sided_normal_tail_of_the_pooled_z_statistic() {
        long x1 = 56;
        long n1 = 70;
        long x2 = 48;
        long n2 = 80;
        double pooled = (double) (x1 + x2) / (n1 + n2);
        double z = ((double) x1 / n1 - (double) x2 / n2) / Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));

        assertThat(pValue(x1, n1, x2, n2)).isCloseTo(2 * NormalDistribution.upperTail(Math.abs(z)), within(1e-15));
    }

    @Test
    void equal_rates_give_a_p_value_of_one() {
        assertThat(pValue(10, 100, 20, 200)).isEqualTo(1.0);
        assertThat(pValue(0, 100, 0, 200)).isEqualTo(1.0);
        assertThat(pValue(100, 100, 200, 200)).isEqualTo(1.0);
    }

    @Test
    void a_tiny_difference_gives_a_p_value_near_one_and_a_huge_one_a_positive_p_value_near_zero() {
        assertThat(pValue(5000, 100_000, 5001, 100_000)).isBetween(0.99, 1.0);

        // z is about 8.9 here: 1 - Φ would round to 0, the tail computed directly does not.
        double extreme = pValue(600, 1000, 400, 1000);
        assertThat(extreme).isPositive().isLessThan(1e-15);
    }

    @Test
    void does_not_depend_on_which_side_is_first() {
        assertThat(pValue(30, 200, 45, 210)).isEqualTo(pValue(45, 210, 30, 200));
    }

    @Test
    void no_devices_on_either_side_give_no_p_value() {
        assertThat(TwoProportionZTest.pValue(new Proportion(0, 0), new Proportion(1, 2))).isEmpty();
        assertThat(TwoProportionZTest.pValue(new Proportion(1, 2), new Proportion(0, 0))).isEmpty();
    }

    /**
     * Under the null hypothesis, 0.20 on both sides with 500 devices each, a p-value below 0.05 should come about 5 %
     * of the time: summed exactly over both binomial distributions the share is 0.0498. 20,000 simulated experiments
     * (fixed seed) have a standard error of about 0.0015, so [0.035, 0.065] holds any correct test and fails one
     * whose p-values are off by a factor such as 2 (a one-sided p-value rejects 10 % of the time).
     */
    @Test
    void rejects_about_5_percent_of_experiments_without_a_difference() {
        double share = shareBelowFivePercent(new Random(20261203L), 500, 0.20, 0.20, 20_000);

        assertThat(share).isBetween(0.035, 0.065);
    }

    /**
     * Under the alternative 0.20 against 0.25 with 1,000 devices each, the normal approximation gives the power:
     * pooled p̄ = 0.225, standard error under the null σ₀ = √(p̄(1-p̄)(2/1000)) = 0.018675, under the alternative
     * σ₁ = √((0.20·0.80 + 0.25·0.75)/1000) = 0.018641, so power = Φ((0.05 - 1.96σ₀)/σ₁) + Φ((-0.05 - 1.96σ₀)/σ₁)
     * = Φ(0.7187) + Φ(-4.65) ≈ 0.764 (the exact binomial sum is 0.7644). 20,000 simulated experiments have a
     * standard error of about 0.003, so the share of p &lt; 0.05 must lie within 0.05 of 0.764.
     */
    @Test
    void rejects_a_real_difference_as_often_as_its_power_predicts() {
        double share = shareBelowFivePercent(new Random(20261204L), 1000, 0.20, 0.25, 20_000);

        assertThat(share).isCloseTo(0.764, within(0.05));
    }

    private static double shareBelowFivePercent(Random random, int devices, double firstRate, double secondRate,
                                                int experiments) {
        int significant = 0;
        for (int i = 0; i < experiments; i++) {
            if (pValue(binomial(random, devices, firstRate), devices, binomial(random, devices, secondRate), devices) < 0.05) {
                significant++;
            }
        }
        return (double) significant / experiments;
    }
}
