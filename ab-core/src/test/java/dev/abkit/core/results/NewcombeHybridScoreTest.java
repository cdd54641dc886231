package dev.abkit.core.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.abkit.core.results.Confidence.NINETY_FIVE_PERCENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NewcombeHybridScoreTest {

    private static Interval newcombe(long x1, long n1, long x2, long n2) {
        return NewcombeHybridScore.difference(new Proportion(x1, n1), new Proportion(x2, n2), NINETY_FIVE_PERCENT)
                .orElseThrow();
    }

    /**
     * R. G. Newcombe, Statistics in Medicine 17:873-890 (1998), Table II, examples (a) to (h), method 10. The same
     * numbers appear in the tests of the R package propint (m-Py/propint, test_Two_Independent_Props_CI.R) and, for
     * (a), (b) and (g), in the SAS comparison of WUSS 2016 paper 127 (lexjansen.com/wuss/2016/127_Final_Paper_PDF.pdf).
     */
    @ParameterizedTest(name = "{0}/{1} - {2}/{3} -> [{4}, {5}]")
    @CsvSource({
            "56, 70, 48, 80,  0.0524, 0.3339",
            "9,  10, 3,  10,  0.1705, 0.8090",
            "6,  7,  2,  7,   0.0582, 0.8062",
            "5,  56, 0,  29, -0.0381, 0.1926",
            "0,  10, 0,  20, -0.1611, 0.2775",
            "0,  10, 0,  10, -0.2775, 0.2775",
            "10, 10, 0,  20,  0.6791, 1.0000",
            "10, 10, 0,  10,  0.6075, 1.0000"})
    void reproduces_newcombes_method_10_table_to_four_decimals(long x1, long n1, long x2, long n2,
                                                               double low, double high) {
        Interval interval = newcombe(x1, n1, x2, n2);

        assertThat(interval.low()).isCloseTo(low, within(0.00005));
        assertThat(interval.high()).isCloseTo(high, within(0.00005));
    }

    @Test
    void no_devices_on_either_side_give_no_interval() {
        Proportion some = new Proportion(3, 10);
        Proportion none = new Proportion(0, 0);

        assertThat(NewcombeHybridScore.difference(some, none, NINETY_FIVE_PERCENT)).isEmpty();
        assertThat(NewcombeHybridScore.difference(none, some, NINETY_FIVE_PERCENT)).isEmpty();
    }

    @Test
    void swapping_the_sides_negates_the_interval_and_it_always_holds_the_observed_difference() {
        for (long n1 = 1; n1 <= 12; n1++) {
            for (long n2 = 1; n2 <= 12; n2++) {
                for (long x1 = 0; x1 <= n1; x1++) {
                    for (long x2 = 0; x2 <= n2; x2++) {
                        Interval forward = newcombe(x1, n1, x2, n2);
                        Interval backward = newcombe(x2, n2, x1, n1);
                        double difference = (double) x1 / n1 - (double) x2 / n2;
                        String label = x1 + "/" + n1 + " - " + x2 + "/" + n2;

                        assertThat(forward.low()).as(label).isCloseTo(-backward.high(), within(1e-12));
                        assertThat(forward.contains(difference)).as(label).isTrue();
                        assertThat(forward.low()).as(label).isGreaterThanOrEqualTo(-1);
                        assertThat(forward.high()).as(label).isLessThanOrEqualTo(1);
                    }
                }
            }
        }
    }

    @Test
    void equal_rates_give_an_interval_around_zero() {
        Interval interval = newcombe(120, 1000, 240, 2000);

        assertThat(interval.low()).isNegative();
        assertThat(interval.high()).isPositive();
    }
}
