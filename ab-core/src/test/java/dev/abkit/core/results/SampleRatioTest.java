package dev.abkit.core.results;

import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.Option;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SampleRatioTest {

    private static final Instant CREATED = Instant.parse("2026-12-01T00:00:00Z");
    /** The shipped price experiment's weights: a block of 20 holding 15/2/1/2. */
    private static final Experiment PRICE = Experiment.start(ExperimentKey.of("price"), List.of(Option.of("10", 75),
            Option.of("20", 10), Option.of("50", 5), Option.of("5", 10)), CREATED, 99);
    private static final Experiment COLOURS = Experiment.start(ExperimentKey.of("button_color"), List.of(
            Option.of("#FF0000", 33.3), Option.of("#00FF00", 33.3), Option.of("#0000FF", 33.3)), CREATED, 5);

    /** The counts per option value of the first {@code slots} devices, as the real allocation gives them. */
    private static Map<String, Long> allocated(Experiment experiment, long slots) {
        Map<String, Long> counts = new LinkedHashMap<>();
        experiment.options().forEach(option -> counts.put(option.value(), 0L));
        for (long slot = 0; slot < slots; slot++) {
            counts.merge(experiment.optionAtSlot(slot).orElseThrow().value(), 1L, Long::sum);
        }
        return counts;
    }

    private static Map<String, Long> counts(Experiment experiment, long... perOption) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i < perOption.length; i++) {
            counts.put(experiment.options().get(i).value(), perOption[i]);
        }
        return counts;
    }

    @Test
    void expected_counts_follow_the_weights_of_all_assigned_devices() {
        SampleRatio ratio = SampleRatio.of(PRICE, AssignmentCounts.of(allocated(PRICE, 600)));

        assertThat(ratio.observed()).containsExactly(Map.entry("10", 450L), Map.entry("20", 60L), Map.entry("50", 30L),
                Map.entry("5", 60L));
        assertThat(ratio.expected().keySet()).containsExactly("10", "20", "50", "5");
        assertThat(ratio.expected().get("10")).isCloseTo(450, within(1e-9));
        assertThat(ratio.expected().get("50")).isCloseTo(30, within(1e-9));
        assertThat(ratio.withinOneBlock()).isTrue();
        assertThat(ratio.chiSquare()).isEmpty();
        assertThat(ratio.pValue()).isEmpty();
        assertThat(ratio.mismatch()).isFalse();
    }

    /** Every count the real permuted blocks produce, after each n from 0 to three whole blocks, passes the check. */
    @Test
    void every_exact_allocation_of_up_to_three_blocks_is_within_one_block() {
        for (Experiment experiment : List.of(PRICE, COLOURS)) {
            for (long slots = 0; slots <= 3L * experiment.blockSize(); slots++) {
                assertThat(SampleRatio.of(experiment, AssignmentCounts.of(allocated(experiment, slots))).withinOneBlock())
                        .as("%s after %d devices", experiment.key(), slots).isTrue();
            }
        }
    }

    @Test
    void a_count_off_by_more_than_a_block_is_an_alarm() {
        for (long slots = 0; slots <= 3L * PRICE.blockSize(); slots++) {
            Map<String, Long> lost = new LinkedHashMap<>(allocated(PRICE, slots));
            lost.merge("10", (long) PRICE.blockSize() + 1, Long::sum);

            assertThat(SampleRatio.of(PRICE, AssignmentCounts.of(lost)).withinOneBlock()).as("after %d", slots)
                    .isFalse();
        }
    }

    /**
     * 1/1/1 blocks: after 2 devices no option can have both (2/0/0 is impossible, 1/1/0 is fine); at 300 devices
     * only 100/100/100 is. Five devices missing from one option break it, unless they were overridden: they
     * kept their slots, so 95/100/100 with 5 overridden is the exact 300, and with 4 it can be 99/100/100 after 299;
     * with 3 it cannot.
     */
    @Test
    void the_check_is_exact_and_allows_for_overridden_devices() {
        assertThat(SampleRatio.of(COLOURS, AssignmentCounts.of(counts(COLOURS, 2, 0, 0))).withinOneBlock()).isFalse();
        assertThat(SampleRatio.of(COLOURS, AssignmentCounts.of(counts(COLOURS, 1, 1, 0))).withinOneBlock()).isTrue();
        assertThat(SampleRatio.of(COLOURS, AssignmentCounts.of(counts(COLOURS, 100, 101, 99))).withinOneBlock())
                .isFalse();

        Map<String, Long> fiveOverridden = counts(COLOURS, 95, 100, 100);
        assertThat(SampleRatio.of(COLOURS, AssignmentCounts.of(fiveOverridden)).withinOneBlock()).isFalse();
        assertThat(SampleRatio.of(COLOURS, hiding(fiveOverridden, 5)).withinOneBlock()).isTrue();
        assertThat(SampleRatio.of(COLOURS, hiding(fiveOverridden, 4)).withinOneBlock())
                .as("99/100/100 and a block in progress holding 0/1/1").isTrue();
        assertThat(SampleRatio.of(COLOURS, hiding(fiveOverridden, 3)).withinOneBlock())
                .as("three overrides cannot make up four missing").isFalse();
        assertThat(SampleRatio.of(COLOURS, hiding(counts(COLOURS, 106, 100, 100), 6)).withinOneBlock())
                .as("overrides never excuse too many").isFalse();
    }

    /**
     * Registrations in flight: slot k taken and not yet stored while later slots are. Judged on the stored devices
     * alone the counts can look impossible (the old check raised the alarm for some k); with that slot hidden they
     * never do, and devices lost beside it, or moved between options, still do.
     */
    @Test
    void a_registration_in_flight_below_stored_ones_is_no_alarm_and_a_loss_beside_it_still_is() {
        long handedOut = 3L * 100 + 2;
        boolean storedAloneWouldAlarm = false;
        for (long inFlight = handedOut - 2L * COLOURS.blockSize(); inFlight < handedOut; inFlight++) {
            Map<String, Long> stored = allocatedExcept(COLOURS, handedOut, inFlight);

            assertThat(SampleRatio.of(COLOURS, hiding(stored, 1)).withinOneBlock()).as("slot %d in flight", inFlight)
                    .isTrue();
            storedAloneWouldAlarm |= !SampleRatio.of(COLOURS, AssignmentCounts.of(stored)).withinOneBlock();

            Map<String, Long> lost = new LinkedHashMap<>(stored);
            lost.merge("#FF0000", -2L, Long::sum);
            assertThat(SampleRatio.of(COLOURS, hiding(lost, 1)).withinOneBlock())
                    .as("two devices lost beside slot %d", inFlight).isFalse();
            Map<String, Long> moved = new LinkedHashMap<>(stored);
            moved.merge("#FF0000", -(long) COLOURS.blockSize(), Long::sum);
            moved.merge("#00FF00", (long) COLOURS.blockSize(), Long::sum);
            assertThat(SampleRatio.of(COLOURS, hiding(moved, 1)).withinOneBlock())
                    .as("a block moved between options beside slot %d", inFlight).isFalse();
        }
        assertThat(storedAloneWouldAlarm).as("some slot in flight fooled a check of the stored devices alone").isTrue();
    }

    /**
     * One device lost from each option leaves counts that exact allocation gives after fewer slots: the counts alone
     * cannot show it. The store's reckoning of the slots handed out can, and any slot it cannot account for, lost
     * (positive) or counted twice (negative), is the alarm.
     */
    @Test
    void a_slot_the_store_cannot_account_for_is_an_alarm_whatever_the_counts() {
        Map<String, Long> oneLostFromEach = allocated(COLOURS, 297);

        assertThat(SampleRatio.of(COLOURS, hiding(oneLostFromEach, 0)).withinOneBlock())
                .as("a valid allocation of 297").isTrue();
        for (long unaccounted : new long[]{3, 1, -1}) {
            assertThat(SampleRatio.of(COLOURS, new AssignmentCounts(oneLostFromEach,
                    new SlotsHandedOut(oneLostFromEach, 0, unaccounted), Optional.empty())).withinOneBlock())
                    .as("%d unaccounted", unaccounted).isFalse();
        }
    }

    /**
     * A window's devices are those first seen before its end, whose slots need not be the first ones: its counts may
     * stray by more than a block with nothing lost. Exactness is judged on the whole allocation; the window's counts
     * are what the weights are compared with.
     */
    @Test
    void a_window_whose_counts_stray_is_judged_on_the_whole_allocation() {
        Map<String, Long> window = counts(COLOURS, 50, 48, 52);
        Map<String, Long> allocation = allocated(COLOURS, 300);

        SampleRatio ratio = SampleRatio.of(COLOURS, new AssignmentCounts(window, SlotsHandedOut.exactly(allocation),
                Optional.empty()));

        assertThat(ratio.observed()).isEqualTo(window);
        assertThat(ratio.withinOneBlock()).isTrue();
        assertThat(SampleRatio.of(COLOURS, new AssignmentCounts(window, SlotsHandedOut.exactly(window),
                Optional.empty())).withinOneBlock()).as("the same counts as a whole allocation").isFalse();
    }

    private static AssignmentCounts hiding(Map<String, Long> counted, long hidden) {
        return new AssignmentCounts(counted, SlotsHandedOut.hiding(counted, hidden), Optional.empty());
    }

    /** The counts of the first {@code slots} devices but the one holding slot {@code missing}. */
    private static Map<String, Long> allocatedExcept(Experiment experiment, long slots, long missing) {
        Map<String, Long> counts = allocated(experiment, slots);
        counts.merge(experiment.optionAtSlot(missing).orElseThrow().value(), -1L, Long::sum);
        return counts;
    }

    /** {@code scipy.stats.chisquare([480, 530])}: statistic 2.4752475247524752, p-value 0.11565123505629102. */
    @Test
    void exposed_counts_are_tested_against_the_weights() {
        Experiment halves = Experiment.start(ExperimentKey.of("onboarding"),
                List.of(Option.of("short", 50), Option.of("long", 50)), CREATED, 1);
        SampleRatio ratio = SampleRatio.of(halves, new AssignmentCounts(Map.of("short", 1000L, "long", 1000L),
                SlotsHandedOut.exactly(Map.of("short", 1000L, "long", 1000L)),
                Optional.of(Map.of("short", 480L, "long", 530L))));

        assertThat(ratio.chiSquare().orElseThrow()).isCloseTo(2.4752475247524752, within(1e-12));
        assertThat(ratio.pValue().orElseThrow()).isCloseTo(0.11565123505629102, within(1e-12));
        assertThat(ratio.mismatch()).isFalse();
    }

    /** {@code scipy.stats.chisquare([10000, 8000])}: statistic 222.2, p-value 2.96e-50, far below 0.001. */
    @Test
    void exposed_counts_far_from_the_weights_are_a_mismatch() {
        Experiment halves = Experiment.start(ExperimentKey.of("onboarding"),
                List.of(Option.of("short", 50), Option.of("long", 50)), CREATED, 1);
        SampleRatio ratio = SampleRatio.of(halves, new AssignmentCounts(Map.of("short", 10_000L, "long", 10_000L),
                SlotsHandedOut.exactly(Map.of("short", 10_000L, "long", 10_000L)),
                Optional.of(Map.of("short", 10_000L, "long", 8_000L))));

        assertThat(ratio.pValue().orElseThrow()).isCloseTo(2.9625867262685184e-50, within(1e-60));
        assertThat(ratio.mismatch()).isTrue();
        assertThat(ratio.withinOneBlock()).isTrue();
    }

    @Test
    void a_single_option_or_no_exposed_device_gives_no_test() {
        Experiment single = Experiment.start(ExperimentKey.of("solo"), List.of(Option.of("only", 1)), CREATED, 1);
        SampleRatio solo = SampleRatio.of(single, new AssignmentCounts(Map.of("only", 7L),
                SlotsHandedOut.exactly(Map.of("only", 7L)),
                Optional.of(Map.of("only", 3L))));
        SampleRatio unexposed = SampleRatio.of(COLOURS, new AssignmentCounts(counts(COLOURS, 1, 1, 1),
                SlotsHandedOut.exactly(counts(COLOURS, 1, 1, 1)),
                Optional.of(counts(COLOURS, 0, 0, 0))));

        assertThat(solo.chiSquare()).isEmpty();
        assertThat(solo.withinOneBlock()).isTrue();
        assertThat(unexposed.chiSquare()).isEmpty();
        assertThat(unexposed.mismatch()).isFalse();
    }

    @Test
    void mismatch_must_agree_with_the_p_value() {
        Map<String, Double> expected = Map.of("a", 1.0);
        Map<String, Long> observed = Map.of("a", 1L);

        assertThatThrownBy(() -> new SampleRatio(expected, observed, true, OptionalDouble.of(20), OptionalDouble.of(1e-5),
                false)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mismatch");
        assertThatThrownBy(() -> new SampleRatio(expected, observed, true, OptionalDouble.empty(), OptionalDouble.of(0.5),
                false)).isInstanceOf(IllegalArgumentException.class);
    }
}
