package dev.abkit.core.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;
import java.util.function.DoubleSupplier;

import static dev.abkit.core.results.Confidence.NINETY_FIVE_PERCENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class WelchIntervalTest {

    /**
     * R {@code t.test(extra ~ group, data = sleep)}: Welch, t = -1.8608, df = 17.776, 95 % interval -3.3654832 to
     * 0.2054832; the full-precision figures (df 17.7764735161785, bounds ±…3071171) are those pinned by the R package
     * parameters (easystats) in its t.test tests.
     */
    @Test
    void reproduces_r_welch_t_test_on_the_sleep_data() {
        SampleSums first = SleepData.sums(SleepData.GROUP_1);
        SampleSums second = SleepData.sums(SleepData.GROUP_2);

        Interval interval = WelchInterval.difference(first, second, NINETY_FIVE_PERCENT).orElseThrow();

        assertThat(WelchInterval.degreesOfFreedom(first, second)).isCloseTo(17.7764735161785, within(1e-9));
        assertThat(interval.low()).isCloseTo(-3.36548323071171, within(1e-9));
        assertThat(interval.high()).isCloseTo(0.20548323071171, within(1e-9));
    }

    /**
     * R's one-sample t-test of the paired sleep differences (group 1 - group 2): t = -4.0621, df = 9, 95 % interval
     * -2.4598858 to -0.7001142, as printed in R's t.test help example ({@code paired = TRUE}).
     */
    @Test
    void reproduces_r_one_sample_interval_from_count_sum_and_sum_of_squares() {
        double[] differences = new double[SleepData.GROUP_1.length];
        for (int i = 0; i < differences.length; i++) {
            differences[i] = SleepData.GROUP_1[i] - SleepData.GROUP_2[i];
        }

        SampleSums sums = SleepData.sums(differences);
        Interval interval = sums.meanInterval(NINETY_FIVE_PERCENT).orElseThrow();

        assertThat(sums.mean().orElseThrow()).isCloseTo(-1.58, within(1e-12));
        assertThat(interval.low()).isCloseTo(-2.4598858, within(1e-7));
        assertThat(interval.high()).isCloseTo(-0.7001142, within(1e-7));
    }

    @Test
    void a_group_without_spread_leaves_the_other_groups_degrees_of_freedom_and_interval() {
        SampleSums varied = SleepData.sums(SleepData.GROUP_2);
        SampleSums constant = SleepData.sums(2, 2, 2, 2, 2);

        Interval difference = WelchInterval.difference(varied, constant, NINETY_FIVE_PERCENT).orElseThrow();
        Interval ownMean = varied.meanInterval(NINETY_FIVE_PERCENT).orElseThrow();

        assertThat(WelchInterval.degreesOfFreedom(varied, constant)).isCloseTo(9, within(1e-12));
        assertThat(difference.low()).isCloseTo(ownMean.low() - 2, within(1e-12));
        assertThat(difference.high()).isCloseTo(ownMean.high() - 2, within(1e-12));
    }

    @Test
    void two_groups_without_spread_give_the_single_point_of_their_difference() {
        Interval interval = WelchInterval.difference(SleepData.sums(0, 0, 0), SleepData.sums(1.5, 1.5), NINETY_FIVE_PERCENT).orElseThrow();

        assertThat(interval).isEqualTo(new Interval(-1.5, -1.5));
    }

    @Test
    void swapping_the_groups_negates_the_interval() {
        Interval forward = WelchInterval.difference(SleepData.sums(SleepData.GROUP_1), SleepData.sums(SleepData.GROUP_2), NINETY_FIVE_PERCENT)
                .orElseThrow();
        Interval backward = WelchInterval.difference(SleepData.sums(SleepData.GROUP_2), SleepData.sums(SleepData.GROUP_1), NINETY_FIVE_PERCENT)
                .orElseThrow();

        assertThat(forward.low()).isCloseTo(-backward.high(), within(1e-12));
        assertThat(forward.high()).isCloseTo(-backward.low(), within(1e-12));
    }

    @Test
    void fewer_than_two_values_give_no_variance_and_no_interval() {
        SampleSums empty = new SampleSums(0, 0, 0);
        SampleSums single = SleepData.sums(4.2);

        assertThat(empty.mean()).isEmpty();
        assertThat(single.mean()).hasValue(4.2);
        assertThat(single.variance()).isEmpty();
        assertThat(single.meanInterval(NINETY_FIVE_PERCENT)).isEmpty();
        assertThat(WelchInterval.difference(single, SleepData.sums(SleepData.GROUP_1), NINETY_FIVE_PERCENT)).isEmpty();
        assertThat(WelchInterval.difference(SleepData.sums(SleepData.GROUP_1), empty, NINETY_FIVE_PERCENT)).isEmpty();
    }

    @Test
    void rounding_never_makes_a_constant_groups_variance_negative() {
        SampleSums constant = SleepData.sums(0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1);

        assertThat(constant.variance().orElseThrow()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void refuses_sums_an_aggregate_cannot_have() {
        assertThatThrownBy(() -> new SampleSums(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SampleSums(0, 3, 9)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty group");
        assertThatThrownBy(() -> new SampleSums(2, Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SampleSums(2, 1, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Coverage by simulation, fixed seed: 20,000 pairs of normal samples per case (simulation standard error about
     * 0.0015), of unequal sizes and spreads, so Welch's interval should cover the true difference about 95 % of the
     * time ([0.93, 0.97]; 200,000 samples gave 0.9501 and 0.9499). The pooled-variance Student interval covers 0.989
     * when the larger group is the noisier one and 0.858 when the smaller group is, so this test tells the two apart.
     */
    @ParameterizedTest(name = "n1={0}, sd1={1}, n2={2}, sd2={3}")
    @CsvSource({"20, 1, 40, 3", "20, 3, 40, 1"})
    void covers_the_true_difference_of_normal_means_about_95_percent_of_the_time(int n1, double sd1, int n2,
                                                                                double sd2) {
        Random random = new Random(19470101L + 100L * n1 + (long) sd1);
        double mean1 = 10;
        double mean2 = 9;

        double coverage = coverage(n1, () -> mean1 + sd1 * random.nextGaussian(),
                n2, () -> mean2 + sd2 * random.nextGaussian(), mean1 - mean2);

        assertThat(coverage).isBetween(0.93, 0.97);
    }

    /**
     * Revenue per device is skewed; exponential values (mean 2 against mean 1, so also variances 4 against 1) stand
     * for it here, 200 devices a group, 20,000 samples with a fixed seed. A t interval on skewed data misses a little
     * more often than nominal, as the skew of a mean shrinks only like 1/√n (2/√200 ≈ 0.14 here); 400,000 samples
     * gave 0.9488. The band is [0.92, 0.97]: it allows that known shortfall, heavier for smaller or more skewed groups,
     * and still fails a wrong quantile by a wide margin (the 90 % quantile in place of the 95 % one covers 0.90).
     */
    @Test
    void covers_the_true_difference_of_skewed_means_nearly_95_percent_of_the_time_at_200_values_a_group() {
        Random random = new Random(19470102L);

        double coverage = coverage(200, () -> exponential(random, 2), 200, () -> exponential(random, 1), 1);

        assertThat(coverage).isBetween(0.92, 0.97);
    }

    private static double coverage(int n1, DoubleSupplier first, int n2, DoubleSupplier second,
                                   double trueDifference) {
        int samples = 20_000;
        int covered = 0;
        for (int i = 0; i < samples; i++) {
            SampleSums treatment = sums(n1, first);
            SampleSums control = sums(n2, second);
            if (WelchInterval.difference(treatment, control, NINETY_FIVE_PERCENT).orElseThrow().contains(trueDifference)) {
                covered++;
            }
        }
        return (double) covered / samples;
    }

    private static SampleSums sums(int count, DoubleSupplier values) {
        double sum = 0;
        double sumOfSquares = 0;
        for (int i = 0; i < count; i++) {
            double value = values.getAsDouble();
            sum += value;
            sumOfSquares += value * value;
        }
        return new SampleSums(count, sum, sumOfSquares);
    }

    private static double exponential(Random random, double mean) {
        return -mean * Math.log(1 - random.nextDouble());
    }
}
