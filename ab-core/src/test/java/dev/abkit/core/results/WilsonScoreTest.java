package dev.abkit.core.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static dev.abkit.core.results.Confidence.NINETY_FIVE_PERCENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WilsonScoreTest {

    private static Interval wilson(long successes, long trials, double level) {
        return WilsonScore.interval(new Proportion(successes, trials), new Confidence(level)).orElseThrow();
    }

    /** R. G. Newcombe, Statistics in Medicine 17:857-872 (1998), Table I, method 3 (score, no continuity correction). */
    @ParameterizedTest(name = "{0}/{1} -> [{2}, {3}]")
    @CsvSource({
            "81, 263, 0.2553, 0.3662",
            "15, 148, 0.0624, 0.1605",
            "0,  20,  0.0000, 0.1611",
            "1,  29,  0.0061, 0.1718"})
    void reproduces_newcombes_single_proportion_table_to_four_decimals(long x, long n, double low, double high) {
        Interval interval = wilson(x, n, 0.95);

        assertThat(interval.low()).isCloseTo(low, within(0.00005));
        assertThat(interval.high()).isCloseTo(high, within(0.00005));
    }

    /**
     * R 3.6.2 {@code prop.test(k, 10, correct = FALSE)$conf.int}, as pinned in SciPy's
     * scipy/stats/tests/test_morestats.py (TestBinomTest.test_ci_wilson_method); 99 % checks levels other than 95 %.
     */
    @ParameterizedTest(name = "{0}/10 at {1} -> [{2}, {3}]")
    @CsvSource({
            "3,  0.95, 0.1077913,  0.6032219",
            "3,  0.99, 0.07956632, 0.6799753",
            "0,  0.95, 0.0,        0.2775328",
            "10, 0.95, 0.7224672,  1.0"})
    void matches_r_prop_test_at_any_confidence_level(long x, double level, double low, double high) {
        Interval interval = wilson(x, 10, level);

        assertThat(interval.low()).isCloseTo(low, within(1e-7));
        assertThat(interval.high()).isCloseTo(high, within(1e-7));
    }

    @Test
    void no_devices_give_no_interval() {
        assertThat(WilsonScore.interval(new Proportion(0, 0), NINETY_FIVE_PERCENT)).isEmpty();
        assertThat(new Proportion(0, 0).rate()).isEmpty();
    }

    @Test
    void no_conversions_start_at_exactly_zero_and_all_conversions_end_at_exactly_one() {
        for (long n = 1; n <= 500; n++) {
            assertThat(wilson(0, n, 0.95).low()).isZero();
            assertThat(wilson(n, n, 0.95).high()).isEqualTo(1.0);
        }
    }

    @Test
    void every_interval_contains_its_rate_and_mirrors_the_complementary_count() {
        for (long n = 1; n <= 120; n++) {
            for (long x = 0; x <= n; x++) {
                Interval interval = wilson(x, n, 0.95);
                Interval mirror = wilson(n - x, n, 0.95);

                assertThat(interval.contains((double) x / n)).as("%d/%d", x, n).isTrue();
                assertThat(interval.low()).as("%d/%d", x, n).isCloseTo(1 - mirror.high(), within(1e-12));
            }
        }
    }

    @Test
    void a_higher_confidence_level_gives_a_wider_interval() {
        Interval ninety = wilson(30, 100, 0.90);
        Interval ninetyNine = wilson(30, 100, 0.99);

        assertThat(ninetyNine.low()).isLessThan(ninety.low());
        assertThat(ninetyNine.high()).isGreaterThan(ninety.high());
    }

    /**
     * Coverage by simulation, fixed seed: 20,000 binomial samples per case, so the simulation's own standard error is
     * about 0.0015. Wilson's coverage oscillates around the nominal 95 %; the exact coverages of these cases, summed
     * over the binomial distribution, are 0.9622, 0.9466, 0.9619 and 0.9572. The Wald interval p ± z√(p(1-p)/n)
     * covers only 0.920 and 0.871 in the first and third case, so this test tells the two apart.
     */
    @ParameterizedTest(name = "n={0}, p={1}")
    @CsvSource({"50, 0.05", "200, 0.3", "1000, 0.005", "30, 0.5"})
    void covers_the_true_rate_about_95_percent_of_the_time(int n, double p) {
        Random random = new Random(20261202L + n);
        int samples = 20_000;
        int covered = 0;
        for (int i = 0; i < samples; i++) {
            int successes = 0;
            for (int trial = 0; trial < n; trial++) {
                if (random.nextDouble() < p) {
                    successes++;
                }
            }
            if (wilson(successes, n, 0.95).contains(p)) {
                covered++;
            }
        }

        assertThat((double) covered / samples).isBetween(0.93, 0.97);
    }
}
