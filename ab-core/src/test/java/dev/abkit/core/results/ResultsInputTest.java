package dev.abkit.core.results;

import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.Option;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultsInputTest {

    private static final Experiment EXPERIMENT = Experiment.start(ExperimentKey.of("checkout"),
            List.of(Option.of("a", 1), Option.of("b", 1)), Instant.parse("2026-12-01T00:00:00Z"), 3);
    private static final AssignmentCounts ASSIGNED = AssignmentCounts.of(Map.of("a", 10L, "b", 10L));

    @Test
    void option_totals_need_conversions_among_their_devices_and_values_for_each_device() {
        assertThat(new OptionTotals("a", 10, 3).values()).isEmpty();
        assertThatThrownBy(() -> new OptionTotals("a", 10, 11)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 0 and its 10 devices");
        assertThatThrownBy(() -> new OptionTotals("a", -1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OptionTotals("a", 10, 3, Optional.of(new SampleSums(3, 6, 14))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("every one of its 10 devices");
        assertThatThrownBy(() -> new OptionTotals(null, 10, 3)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void assignment_counts_are_not_negative_and_exposures_are_among_the_assigned() {
        Map<String, Long> assigned = Map.of("a", 10L, "b", 12L);

        SlotsHandedOut slots = SlotsHandedOut.hiding(assigned, 2);

        assertThat(new AssignmentCounts(assigned, slots, Optional.of(Map.of("a", 10L, "b", 0L))).exposed()).isPresent();
        assertThatThrownBy(() -> AssignmentCounts.of(Map.of("a", -1L))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"a\"");
        assertThatThrownBy(() -> new SlotsHandedOut(assigned, -1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hidden slots must not be negative (got -1)");
        assertThatThrownBy(() -> new AssignmentCounts(assigned, slots, Optional.of(Map.of("a", 11L, "b", 0L))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more exposed devices (11)");
        assertThatThrownBy(() -> new AssignmentCounts(assigned, slots, Optional.of(Map.of("a", 1L))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same options");
    }

    @Test
    void experiment_totals_need_exactly_one_totals_per_option_of_the_experiment() {
        assertThatThrownBy(() -> new ExperimentTotals(EXPERIMENT, List.of(new OptionTotals("a", 10, 1)), ASSIGNED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has options");
        assertThatThrownBy(() -> new ExperimentTotals(EXPERIMENT,
                List.of(new OptionTotals("a", 10, 1), new OptionTotals("b", 10, 1), new OptionTotals("c", 1, 1)),
                ASSIGNED)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExperimentTotals(EXPERIMENT,
                List.of(new OptionTotals("a", 10, 1), new OptionTotals("a", 10, 2)), ASSIGNED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> new ExperimentTotals(EXPERIMENT,
                List.of(new OptionTotals("a", 10, 1), new OptionTotals("b", 10, 1)), AssignmentCounts.of(Map.of("a", 10L))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("assignments");
    }

    @Test
    void either_every_option_carries_values_or_none_does() {
        OptionTotals withValues = new OptionTotals("a", 2, 1, Optional.of(new SampleSums(2, 3, 9)));

        assertThat(new ExperimentTotals(EXPERIMENT, List.of(withValues,
                new OptionTotals("b", 1, 1, Optional.of(new SampleSums(1, 2, 4)))), ASSIGNED).hasValues()).isTrue();
        assertThat(new ExperimentTotals(EXPERIMENT, List.of(new OptionTotals("a", 2, 1), new OptionTotals("b", 1, 1)),
                ASSIGNED).hasValues()).isFalse();
        assertThatThrownBy(() -> new ExperimentTotals(EXPERIMENT, List.of(withValues, new OptionTotals("b", 1, 1)),
                ASSIGNED)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 of 2");
    }
}
