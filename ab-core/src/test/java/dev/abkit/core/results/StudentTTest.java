package dev.abkit.core.results;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The t distribution through the incomplete beta function, checked where closed forms exist. */
class StudentTTest {

    /** With 1 degree of freedom T is Cauchy: P(T > t) = 1/2 - atan(t)/π. */
    @Test
    void one_degree_of_freedom_is_the_cauchy_distribution() {
        for (double t : new double[]{-3, -0.5, 0, 0.3, 1, 4, 12.7, 300}) {
            double expected = 0.5 - Math.atan(t) / Math.PI;
            assertThat(StudentT.upperTail(t, 1)).as("t = %s", t).isCloseTo(expected, within(1e-14));
        }
        // tan(π(1/2 - 0.025)) is the 97.5 % point of the Cauchy distribution: 12.706204736174707...
        assertThat(StudentT.upperQuantile(0.025, 1)).isCloseTo(Math.tan(Math.PI * 0.475), within(1e-10));
    }

    /** With 2 degrees of freedom P(T > t) = 1/2 - t / (2 √(2 + t²)), so the 97.5 % point is √(2 / (1/0.95² - 1)). */
    @Test
    void two_degrees_of_freedom_have_a_closed_form() {
        for (double t : new double[]{-2, 0.1, 1, 4.3, 50}) {
            double expected = 0.5 - t / (2 * Math.sqrt(2 + t * t));
            assertThat(StudentT.upperTail(t, 2)).as("t = %s", t).isCloseTo(expected, within(1e-14));
        }
        double q = 0.95;
        assertThat(StudentT.upperQuantile(0.025, 2)).isCloseTo(Math.sqrt(2 / (1 / (q * q) - 1)), within(1e-11));
    }

    /**
     * For large ν the t distribution differs from the normal by the first term of its expansion in 1/ν: the quantile
     * by (z³ + z)/(4ν) (Abramowitz and Stegun 26.7.5) and the tail by φ(t)(t³ + t)/(4ν). At ν = 10⁷ the next
     * terms are below 1e-13, so what remains is the rounding in ln Γ(ν/2 + 1/2) - ln Γ(ν/2): measured 3.7e-10 on
     * the quantile and 3.2e-12 on a tail of 0.00135 (see {@link StudentT}).
     */
    @Test
    void approaches_the_normal_distribution_as_degrees_of_freedom_grow() {
        double nu = 1e7;
        double z = 1.959963984540054;
        double density = Math.exp(-4.5) / Math.sqrt(2 * Math.PI);

        assertThat(StudentT.upperQuantile(0.025, nu)).isCloseTo(z + (z * z * z + z) / (4 * nu), within(1e-9));
        assertThat(StudentT.upperTail(3, nu))
                .isCloseTo(NormalDistribution.upperTail(3) + density * 30 / (4 * nu), within(1e-11));
    }

    @Test
    void quantile_inverts_the_tail_for_fractional_degrees_of_freedom() {
        for (double df : new double[]{1.3, 4.7, 17.7764735161785, 250.5}) {
            for (double tail : new double[]{0.005, 0.025, 0.05, 0.3}) {
                double t = StudentT.upperQuantile(tail, df);
                assertThat(StudentT.upperTail(t, df)).as("df %s tail %s", df, tail).isCloseTo(tail, within(tail * 1e-10));
            }
        }
    }
}
