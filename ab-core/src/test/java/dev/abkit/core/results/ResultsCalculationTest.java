package dev.abkit.core.results;

import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.Option;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ResultsCalculationTest {

    private static final Instant CREATED = Instant.parse("2026-12-01T00:00:00Z");

    private static Experiment experiment(String... values) {
        return Experiment.start(ExperimentKey.of("checkout"),
                Arrays.stream(values).map(value -> Option.of(value, 1)).toList(), CREATED, 14);
    }

    /** Totals whose assigned counts are the devices counted, as without exposures and overrides. */
    private static ExperimentTotals totals(Experiment experiment, OptionTotals... options) {
        Map<String, Long> assigned = new LinkedHashMap<>();
        for (OptionTotals option : options) {
            assigned.put(option.value(), option.devices());
        }
        return new ExperimentTotals(experiment, List.of(options), AssignmentCounts.of(assigned));
    }

    private static double value(OptionalDouble figure) {
        return figure.orElseThrow();
    }

    /**
     * Newcombe's example (a) of Statistics in Medicine 17:873-890, Table II, 56/70 against 48/80, read as an option
     * against the control: difference 0.2 with method 10's interval 0.0524 to 0.3339; the Wilson intervals of each
     * side and the p-value of {@code scipy.stats.chi2_contingency([[56, 14], [48, 32]], correction=False)},
     * 0.008045081368196585; lift 0.2 / 0.6 by hand.
     */
    @Test
    void newcombes_example_as_an_option_against_the_control() {
        ExperimentResults results = ResultsCalculation.of(totals(experiment("control", "treatment"),
                new OptionTotals("control", 80, 48), new OptionTotals("treatment", 70, 56)));

        OptionResult treatment = results.options().get(1);
        assertThat(treatment.value()).isEqualTo("treatment");
        assertThat(treatment.devices()).isEqualTo(70);
        assertThat(treatment.conversions()).isEqualTo(56);
        assertThat(value(treatment.rate())).isCloseTo(0.8, within(1e-15));
        assertThat(value(treatment.difference())).isCloseTo(0.2, within(1e-15));
        assertThat(value(treatment.differenceLow())).isCloseTo(0.0524, within(0.00005));
        assertThat(value(treatment.differenceHigh())).isCloseTo(0.3339, within(0.00005));
        assertThat(value(treatment.lift())).isCloseTo(1.0 / 3, within(1e-15));
        assertThat(value(treatment.pValue())).isCloseTo(0.008045081368196585, within(1e-12));
        assertThat(treatment.pValueAdjusted()).isEqualTo(treatment.pValue());
        assertThat(treatment.mean()).isEmpty();
        assertThat(treatment.meanLow()).isEmpty();
        assertThat(treatment.meanHigh()).isEmpty();
        Interval wilson = WilsonScore.interval(new Proportion(56, 70), Confidence.NINETY_FIVE_PERCENT).orElseThrow();
        assertThat(value(treatment.rateLow())).isEqualTo(wilson.low());
        assertThat(value(treatment.rateHigh())).isEqualTo(wilson.high());
    }

    @Test
    void the_control_row_has_its_rate_but_no_difference_lift_or_p_values() {
        ExperimentResults results = ResultsCalculation.of(totals(experiment("control", "treatment"),
                new OptionTotals("control", 80, 48), new OptionTotals("treatment", 70, 56)));

        OptionResult control = results.options().get(0);
        assertThat(results.control()).isEqualTo("control");
        assertThat(control.value()).isEqualTo("control");
        assertThat(value(control.rate())).isCloseTo(0.6, within(1e-15));
        assertThat(control.rateLow()).isPresent();
        assertThat(control.rateHigh()).isPresent();
        assertThat(List.of(control.difference(), control.differenceLow(), control.differenceHigh(), control.lift(),
                control.pValue(), control.pValueAdjusted())).allMatch(OptionalDouble::isEmpty);
    }

    @Test
    void a_chosen_control_turns_the_comparison_around() {
        ExperimentResults results = ResultsCalculation.of(totals(experiment("a", "b"),
                new OptionTotals("a", 70, 56), new OptionTotals("b", 80, 48)), Optional.of("b"));

        assertThat(results.control()).isEqualTo("b");
        assertThat(results.options().get(1).difference()).isEmpty();
        OptionResult first = results.options().get(0);
        assertThat(value(first.differenceLow())).isCloseTo(0.0524, within(0.00005));
        assertThat(value(first.differenceHigh())).isCloseTo(0.3339, within(0.00005));
    }

    @Test
    void an_unknown_control_is_refused_by_name() {
        ExperimentTotals totals = totals(experiment("a", "b"), new OptionTotals("a", 10, 1), new OptionTotals("b", 10, 2));

        assertThatThrownBy(() -> ResultsCalculation.of(totals, Optional.of("purple")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"purple\"")
                .hasMessageContaining("checkout");
    }

    /**
     * Three options against control 48/80: raw p-values by {@code scipy.stats.chi2_contingency(..., correction=False)}
     * of 56/70 (0.008045081368196585), 60/80 (0.042818229951210623) and 40/80 (0.20362782709360205); Holm by hand:
     * 3 × 0.008045, 2 × 0.042818 and 1 × 0.203628, each already above the one before.
     */
    @Test
    void more_than_one_comparison_is_holm_adjusted() {
        ExperimentResults results = ResultsCalculation.of(totals(experiment("a", "b", "c", "d"),
                new OptionTotals("a", 80, 48), new OptionTotals("b", 70, 56), new OptionTotals("c", 80, 60),
                new OptionTotals("d", 80, 40)));

        List<OptionResult> rows = results.options();
        assertThat(value(rows.get(1).pValue())).isCloseTo(0.008045081368196585, within(1e-12));
        assertThat(value(rows.get(2).pValue())).isCloseTo(0.042818229951210623, within(1e-12));
        assertThat(value(rows.get(3).pValue())).isCloseTo(0.20362782709360205, within(1e-12));
        assertThat(value(rows.get(1).pValueAdjusted())).isCloseTo(3 * 0.008045081368196585, within(1e-12));
        assertThat(value(rows.get(2).pValueAdjusted())).isCloseTo(2 * 0.042818229951210623, within(1e-12));
        assertThat(value(rows.get(3).pValueAdjusted())).isCloseTo(0.20362782709360205, within(1e-12));
        assertThat(value(rows.get(3).lift())).isCloseTo(-1.0 / 6, within(1e-15));
    }

    /** Property over random counts: with two options the adjusted p-value is the raw one, exactly. */
    @Test
    void with_two_options_the_adjusted_p_value_is_the_raw_one() {
        Random random = new Random(14);
        for (int round = 0; round < 300; round++) {
            long n1 = 1 + random.nextInt(500);
            long n2 = 1 + random.nextInt(500);
            ExperimentResults results = ResultsCalculation.of(totals(experiment("a", "b"),
                    new OptionTotals("a", n1, random.nextInt((int) n1 + 1)),
                    new OptionTotals("b", n2, random.nextInt((int) n2 + 1))));

            OptionResult compared = results.options().get(1);
            assertThat(compared.pValue()).isPresent();
            assertThat(compared.pValueAdjusted()).isEqualTo(compared.pValue());
        }
    }

    /**
     * Property over random counts with a control and three options: each adjusted p-value is at least its raw one
     * and at most 1, and the adjusted ones keep the order of the raw ones.
     */
    @Test
    void with_three_compared_options_the_adjustment_keeps_the_order_of_the_raw_p_values() {
        Random random = new Random(1979);
        for (int round = 0; round < 300; round++) {
            OptionTotals[] options = new OptionTotals[4];
            for (int i = 0; i < options.length; i++) {
                long n = 1 + random.nextInt(300);
                options[i] = new OptionTotals(String.valueOf((char) ('a' + i)), n, random.nextInt((int) n + 1));
            }
            List<OptionResult> compared = ResultsCalculation.of(totals(experiment("a", "b", "c", "d"), options))
                    .options().subList(1, 4);

            for (OptionResult row : compared) {
                assertThat(value(row.pValueAdjusted())).isBetween(value(row.pValue()), 1.0);
            }
            for (OptionResult first : compared) {
                for (OptionResult second : compared) {
                    if (value(first.pValue()) < value(second.pValue())) {
                        assertThat(value(first.pValueAdjusted())).isLessThanOrEqualTo(value(second.pValueAdjusted()));
                    }
                }
            }
        }
    }

    /**
     * A value metric: the ten devices of group 1 of R's {@code sleep} data as one option's per-device totals (one of
     * them 0, a device without events). Mean 0.75 and Student's interval of {@code scipy.stats.ttest_1samp(g, 0)
     * .confidence_interval(0.95)}: -0.5297804135262321 to 2.029780413526232, R's {@code t.test} prints the same.
     */
    @Test
    void a_value_metric_has_each_options_mean_per_device_with_students_interval() {
        double[] values = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};
        double sum = 0;
        double squares = 0;
        for (double v : values) {
            sum += v;
            squares += v * v;
        }
        ExperimentResults results = ResultsCalculation.of(totals(experiment("a", "b"),
                new OptionTotals("a", 10, 9, Optional.of(new SampleSums(10, sum, squares))),
                new OptionTotals("b", 1, 1, Optional.of(new SampleSums(1, 4.5, 20.25)))));

        OptionResult first = results.options().get(0);
        assertThat(value(first.mean())).isCloseTo(0.75, within(1e-12));
        assertThat(value(first.meanLow())).isCloseTo(-0.5297804135262321, within(1e-9));
        assertThat(value(first.meanHigh())).isCloseTo(2.029780413526232, within(1e-9));
        OptionResult single = results.options().get(1);
        assertThat(value(single.mean())).isEqualTo(4.5);
        assertThat(single.meanLow()).isEmpty();
        assertThat(single.meanHigh()).isEmpty();
    }

    @Test
    void an_option_without_devices_has_no_rate_and_is_left_out_of_the_adjustment() {
        ExperimentResults results = ResultsCalculation.of(totals(experiment("a", "b", "c"),
                new OptionTotals("a", 80, 48), new OptionTotals("b", 70, 56), new OptionTotals("c", 0, 0)));

        OptionResult empty = results.options().get(2);
        assertThat(List.of(empty.rate(), empty.rateLow(), empty.rateHigh(), empty.difference(), empty.differenceLow(),
                empty.differenceHigh(), empty.lift(), empty.pValue(), empty.pValueAdjusted()))
                .allMatch(OptionalDouble::isEmpty);
        OptionResult compared = results.options().get(1);
        assertThat(compared.pValueAdjusted()).isEqualTo(compared.pValue());
    }

    @Test
    void a_control_without_conversions_has_a_difference_but_no_lift() {
        ExperimentResults results = ResultsCalculation.of(totals(experiment("a", "b"),
                new OptionTotals("a", 20, 0), new OptionTotals("b", 10, 10)));

        OptionResult compared = results.options().get(1);
        assertThat(value(compared.difference())).isEqualTo(1.0);
        assertThat(value(compared.differenceLow())).isCloseTo(0.6791, within(0.00005));
        assertThat(value(compared.differenceHigh())).isEqualTo(1.0);
        assertThat(compared.lift()).isEmpty();
    }

    @Test
    void a_control_without_devices_leaves_every_comparison_empty() {
        ExperimentResults results = ResultsCalculation.of(totals(experiment("a", "b"),
                new OptionTotals("a", 0, 0), new OptionTotals("b", 10, 3)));

        OptionResult compared = results.options().get(1);
        assertThat(value(compared.rate())).isCloseTo(0.3, within(1e-15));
        assertThat(List.of(compared.difference(), compared.differenceLow(), compared.differenceHigh(), compared.lift(),
                compared.pValue(), compared.pValueAdjusted())).allMatch(OptionalDouble::isEmpty);
    }

    @Test
    void rows_follow_the_experiments_option_order_whatever_order_the_totals_came_in() {
        Experiment experiment = experiment("a", "b", "c");
        ExperimentResults results = ResultsCalculation.of(new ExperimentTotals(experiment,
                List.of(new OptionTotals("c", 5, 1), new OptionTotals("a", 7, 2), new OptionTotals("b", 6, 3)),
                AssignmentCounts.of(Map.of("a", 7L, "b", 6L, "c", 5L))));

        assertThat(results.experiment()).isEqualTo(ExperimentKey.of("checkout"));
        assertThat(results.options()).extracting(OptionResult::value).containsExactly("a", "b", "c");
        assertThat(results.options()).extracting(OptionResult::devices).containsExactly(7L, 6L, 5L);
        assertThat(results.sampleRatio().observed().keySet()).containsExactly("a", "b", "c");
    }

    /**
     * The row's difference of means and its Welch interval are R's {@code t.test(extra ~ group, data = sleep)} with
     * group 1 as the option and group 2 as the control: mean of x - mean of y = 0.75 - 2.33 = -1.58, 95 % interval
     * -3.3654832 to 0.2054832 (R's print; the full precision figures pinned by easystats' parameters).
     */
    @Test
    void a_value_metric_has_the_welch_difference_of_means_against_the_control_as_r_computes_it() {
        SampleSums group1 = SleepData.sums(SleepData.GROUP_1);
        SampleSums group2 = SleepData.sums(SleepData.GROUP_2);

        ExperimentResults results = ResultsCalculation.of(totals(experiment("control", "treatment"),
                new OptionTotals("control", 10, 8, Optional.of(group2)),
                new OptionTotals("treatment", 10, 8, Optional.of(group1))));

        OptionResult treatment = results.options().get(1);
        assertThat(value(treatment.meanDifference())).isCloseTo(-1.58, within(1e-12));
        assertThat(value(treatment.meanDifferenceLow())).isCloseTo(-3.36548323071171, within(1e-9));
        assertThat(value(treatment.meanDifferenceHigh())).isCloseTo(0.20548323071171, within(1e-9));
        OptionResult control = results.options().get(0);
        assertThat(control.meanDifference()).isEmpty();
        assertThat(control.meanDifferenceLow()).isEmpty();
        assertThat(control.meanDifferenceHigh()).isEmpty();
    }

    @Test
    void the_difference_of_means_needs_values_and_its_interval_two_devices_on_each_side() {
        ExperimentResults withoutValues = ResultsCalculation.of(totals(experiment("control", "treatment"),
                new OptionTotals("control", 10, 8), new OptionTotals("treatment", 10, 8)));
        ExperimentResults oneControlDevice = ResultsCalculation.of(totals(experiment("control", "treatment"),
                new OptionTotals("control", 1, 1, Optional.of(SleepData.sums(2.0))),
                new OptionTotals("treatment", 3, 2, Optional.of(SleepData.sums(0, 1.5, 4.5)))));

        OptionResult plain = withoutValues.options().get(1);
        assertThat(plain.meanDifference()).isEmpty();
        assertThat(plain.meanDifferenceLow()).isEmpty();
        assertThat(plain.meanDifferenceHigh()).isEmpty();
        OptionResult thin = oneControlDevice.options().get(1);
        assertThat(value(thin.meanDifference())).isCloseTo(0.0, within(1e-12));
        assertThat(thin.meanDifferenceLow()).isEmpty();
        assertThat(thin.meanDifferenceHigh()).isEmpty();
    }
}
