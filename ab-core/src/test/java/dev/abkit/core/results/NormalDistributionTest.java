package dev.abkit.core.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Measures the accuracy the Javadoc of {@link NormalDistribution} and {@link GammaFunction} claims. */
class NormalDistributionTest {

    /**
     * Mathematica {@code Table[N[Erfc[-x/Sqrt[2]]/2, 17], {x, -6, 6}]}, as recorded in a public C++ test table; and
     * Φ(-10) = 7.619853024160527e-24 (mpmath, as pinned by several public test suites). Relative error below 1e-12.
     */
    @ParameterizedTest(name = "Phi({0}) = {1}")
    @CsvSource({
            "-1,  0.15865525393145705",
            "-2,  0.022750131948179207",
            "-3,  0.0013498980316300945",
            "-4,  0.000031671241833119921",
            "-5,  2.8665157187919391e-7",
            "-6,  9.8658764503769814e-10",
            "-10, 7.619853024160527e-24",
            "1,   0.84134474606854295",
            "2,   0.97724986805182079"})
    void cdf_matches_mathematica_to_a_relative_1e_12(double z, double expected) {
        assertThat(NormalDistribution.cdf(z)).isCloseTo(expected, within(expected * 1e-12));
    }

    /** Two-sided p at z = 1.96 from R, 2 * pnorm(-1.96) = 0.049995790296440856. */
    @Test
    void two_sided_tail_at_1_96_matches_r() {
        assertThat(2 * NormalDistribution.upperTail(1.96)).isCloseTo(0.049995790296440856, within(1e-15));
    }

    /** R {@code qnorm} / SciPy {@code norm.ppf} critical values, as published in many tables and test suites. */
    @ParameterizedTest(name = "quantile({0}) = {1}")
    @CsvSource({
            "0.975, 1.959963984540054",
            "0.995, 2.5758293035489004",
            "0.95,  1.6448536269514722",
            "0.99,  2.3263478740408408",
            "0.001, -3.0902323061678132",
            "0.5,   0.0"})
    void quantile_matches_published_critical_values(double p, double expected) {
        assertThat(NormalDistribution.quantile(p)).isCloseTo(expected, within(1e-13));
    }

    @Test
    void quantile_inverts_the_cdf_from_the_far_tails_to_the_centre() {
        for (double p : new double[]{1e-300, 1e-20, 1e-9, 0.01, 0.02425, 0.2, 0.5, 0.7, 0.97575, 0.999}) {
            double z = NormalDistribution.quantile(p);
            assertThat(NormalDistribution.cdf(z)).as("p = %s", p).isCloseTo(p, within(p * 1e-12));
        }
    }

    /** Q(n, x) = e^-x Σ_{i<n} x^i / i! for whole n: an identity, so it tests the continued fraction and the series. */
    @Test
    void upper_incomplete_gamma_matches_its_closed_form_for_whole_a() {
        for (int n = 1; n <= 12; n++) {
            for (double x : new double[]{0.1, 0.5, 1, 2.5, 7, 15, 40}) {
                double term = 1;
                double sum = 1;
                for (int i = 1; i < n; i++) {
                    term *= x / i;
                    sum += term;
                }
                double expected = Math.exp(-x) * sum;
                assertThat(GammaFunction.regularizedUpper(n, x)).as("Q(%d, %s)", n, x)
                        .isCloseTo(expected, within(expected * 1e-12));
                assertThat(GammaFunction.regularizedLower(n, x) + GammaFunction.regularizedUpper(n, x))
                        .isCloseTo(1, within(1e-14));
            }
        }
    }

    @Test
    void log_gamma_matches_factorials() {
        double factorial = 1;
        for (int n = 1; n <= 30; n++) {
            assertThat(GammaFunction.logGamma(n)).as("ln %d!", n - 1)
                    .isCloseTo(Math.log(factorial), within(1e-13 * Math.max(1, Math.log(factorial))));
            factorial *= n;
        }
        assertThat(GammaFunction.logGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(1e-14));
    }
}
