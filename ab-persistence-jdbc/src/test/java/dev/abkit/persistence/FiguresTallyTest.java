package dev.abkit.persistence;

import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.Option;
import dev.abkit.core.port.out.EventStore.OptionFigures;
import dev.abkit.core.results.SlotsHandedOut;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The figures of an option are sums of doubles added and taken away again; what rounding leaves where the exact
 * value is known goes, however large the amounts that left it.
 */
class FiguresTallyTest {

    /** What the tally passes through untouched: the allocation is read apart from the figures. */
    private static final SlotsHandedOut NO_SLOTS = SlotsHandedOut.exactly(Map.of());

    private static final Experiment EXPERIMENT = Experiment.start(ExperimentKey.of("checkout"),
            List.of(Option.of("a", 1), Option.of("b", 1)), Instant.parse("2026-05-01T00:00:00Z"), 14L);

    @Test
    void an_overridden_devices_values_taken_out_again_leave_sums_of_exactly_zero() {
        FiguresTally tally = new FiguresTally();
        // The counters after the device's batches of 0.3 and 0.4: totals 0.3 + 0.4, squares 0.09 + (0.49 − 0.09).
        tally.converted("a", 1, 2, 0.3 + 0.4, 0.09 + (0.7 * 0.7 - 0.09));
        tally.withdraw("a", new DeviceMetric(2, 2, 0.7, Instant.EPOCH));

        OptionFigures a = tally.figures(EXPERIMENT, NO_SLOTS).options().get("a");

        assertThat(0.09 + (0.7 * 0.7 - 0.09) - 0.7 * 0.7).as("what was left before").isNegative();
        assertThat(a.conversions()).isZero();
        assertThat(a.sum()).isZero();
        assertThat(a.sumOfSquares()).isZero();
    }

    @Test
    void a_negative_sum_of_squares_of_converting_devices_is_rounding_and_reads_as_zero() {
        FiguresTally tally = new FiguresTally();
        // One device: 0.3, 0.4, then a refund of 0.7; another converting without a value.
        double squares = 0.09 + (0.7 * 0.7 - 0.09) + (0 - 0.7 * 0.7);
        tally.converted("a", 2, 3, 0.3 + 0.4 - 0.7, squares);

        OptionFigures a = tally.figures(EXPERIMENT, NO_SLOTS).options().get("a");

        assertThat(squares).isNegative();
        assertThat(a.conversions()).isEqualTo(2);
        assertThat(a.sumOfSquares()).isZero();
    }

    @Test
    void figures_that_need_no_mending_are_passed_on_as_they_are() {
        FiguresTally tally = new FiguresTally();
        tally.assigned("b", 10);
        tally.converted("b", 2, 3, 3.5, 6.25 + 1);
        tally.withdraw("b", new DeviceMetric(1, 1, 1.0, Instant.EPOCH));

        OptionFigures b = tally.figures(EXPERIMENT, NO_SLOTS).options().get("b");

        assertThat(b).isEqualTo(new OptionFigures(10, 0, 1, 2.5, 6.25));
        assertThat(tally.figures(EXPERIMENT, NO_SLOTS).options().get("a")).isEqualTo(new OptionFigures(0, 0, 0, 0, 0));
    }

    /**
     * A purchase of 1e15, one of 0.1 on another device and a refund of 1e15: the counter holds 0.125, the overridden
     * devices' own totals are 0 and 0.1. With nobody left converting, the sums are 0, not a failure: the residue is
     * the rounding of amounts no reader sees (it was a 500 on every read of that option).
     */
    @Test
    void the_residue_of_large_amounts_where_nobody_converts_reads_as_zero() {
        double counter = 1e15 + 0.1 - 1e15;
        FiguresTally tally = new FiguresTally();
        tally.converted("b", 2, 3, counter, 0.1 * 0.1);
        tally.withdraw("b", new DeviceMetric(1, 2, 0.0, Instant.EPOCH));
        tally.withdraw("b", new DeviceMetric(1, 1, 0.1, Instant.EPOCH));

        OptionFigures b = tally.figures(EXPERIMENT, NO_SLOTS).options().get("b");

        assertThat(counter).isEqualTo(0.125);
        assertThat(b).isEqualTo(new OptionFigures(0, 0, 0, 0, 0));
    }
}
