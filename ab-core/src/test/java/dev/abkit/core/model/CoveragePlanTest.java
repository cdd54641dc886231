package dev.abkit.core.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CoveragePlanTest {

    private static final Coverage TEN = Coverage.percent("10");
    private static final Coverage HALF = Coverage.percent("50");

    @Test
    void coverage_is_a_percent_with_two_decimals_and_its_block_follows_from_it() {
        assertThat(Coverage.percent("10").hundredths()).isEqualTo(1000);
        assertThat(Coverage.percent(new BigDecimal("12.50")).percent()).isEqualByComparingTo("12.5");
        assertThat(Coverage.percent("100").isFull()).isTrue();
        assertThat(Coverage.percent("100").percent().toPlainString()).isEqualTo("100");
        assertThat(TEN.blockSize()).isEqualTo(10);
        assertThat(TEN.enrolledPerBlock()).isEqualTo(1);
        assertThat(Coverage.percent("33.33").blockSize()).isEqualTo(10_000);
        assertThat(Coverage.percent("75.5").blockSize()).isEqualTo(200);
        assertThat(Coverage.percent("75.5").enrolledPerBlock()).isEqualTo(151);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.001", "100.01", "150", "-5", "12.345", "1e9999", "ten"})
    void a_coverage_outside_0_01_to_100_or_with_more_decimals_is_refused_with_a_reason(String percent) {
        assertThatThrownBy(() -> Coverage.percent(percent)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("coverage");
    }

    @Test
    void a_change_is_placed_at_the_next_block_boundary_at_or_after_the_slots_handed_out() {
        CoveragePlan tenth = CoveragePlan.of(TEN);

        assertThat(tenth.changedTo(HALF).settledAt(25).steps())
                .containsExactly(new CoveragePlan.Step(0, TEN), new CoveragePlan.Step(30, HALF));
        assertThat(tenth.changedTo(HALF).settledAt(30).steps()).as("on a boundary: from there")
                .containsExactly(new CoveragePlan.Step(0, TEN), new CoveragePlan.Step(30, HALF));
        assertThat(tenth.changedTo(HALF).settledAt(31).steps())
                .containsExactly(new CoveragePlan.Step(0, TEN), new CoveragePlan.Step(40, HALF));
    }

    @Test
    void a_change_before_any_slot_of_the_last_step_replaces_it_and_restoring_the_one_before_merges() {
        assertThat(CoveragePlan.of(TEN).changedTo(HALF).settledAt(0)).isEqualTo(CoveragePlan.of(HALF));

        CoveragePlan changed = CoveragePlan.of(TEN).changedTo(HALF).settledAt(25); // 50 % from slot 30
        assertThat(changed.changedTo(Coverage.percent("20")).settledAt(28).steps()).as("slot 30 not reached")
                .containsExactly(new CoveragePlan.Step(0, TEN), new CoveragePlan.Step(30, Coverage.percent("20")));
        assertThat(changed.changedTo(TEN).settledAt(28)).as("back to 10 %% before slot 30: one step again")
                .isEqualTo(CoveragePlan.of(TEN));
    }

    @Test
    void asking_for_the_coverage_it_has_changes_nothing_and_the_current_coverage_is_the_one_asked_for() {
        CoveragePlan tenth = CoveragePlan.of(TEN);

        assertThat(tenth.changedTo(TEN)).isSameAs(tenth);
        assertThat(tenth.changedTo(HALF).current()).isEqualTo(HALF);
        assertThat(tenth.changedTo(HALF).isPending()).isTrue();
        assertThat(tenth.changedTo(HALF).changedTo(TEN)).isEqualTo(tenth);
    }

    @Test
    void a_plan_starts_at_slot_0_and_each_step_at_a_boundary_of_the_one_before() {
        assertThatThrownBy(() -> new CoveragePlan(List.of(new CoveragePlan.Step(5, TEN)), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CoveragePlan(List.of(new CoveragePlan.Step(0, TEN), new CoveragePlan.Step(25, HALF)), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("block boundary");
    }

    @Test
    void an_experiment_with_a_change_not_yet_placed_allocates_nothing() {
        Experiment running = ShippedExperiments.BUTTON_COLOR.withCoverage(TEN).settledAt(0);
        Experiment pending = running.withCoverage(HALF);

        assertThatThrownBy(() -> pending.optionAtSlot(0)).isInstanceOf(IllegalStateException.class);
        assertThat(pending.settledAt(7).optionAtSlot(3)).isEqualTo(running.optionAtSlot(3));
    }
}
