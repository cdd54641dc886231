package dev.abkit.core.model;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExperimentTest {

    private static final Instant CREATED = Instant.parse("2026-03-01T10:00:00Z");
    private static final ExperimentKey KEY = ExperimentKey.of("onboarding");

    @Test
    void a_new_experiment_runs_and_keeps_its_definition() {
        Experiment experiment = Experiment.start(KEY, List.of(Option.of("short", 50), Option.of("long", 50)), CREATED, 7);

        assertThat(experiment.isRunning()).isTrue();
        assertThat(experiment.status()).isEqualTo(ExperimentStatus.RUNNING);
        assertThat(experiment.options()).extracting(Option::value).containsExactly("short", "long");
        assertThat(experiment.blockSize()).isEqualTo(2);
        assertThat(experiment.createdAt()).isEqualTo(CREATED);
        assertThat(experiment.seed()).isEqualTo(7);
    }

    @Test
    void stopping_changes_the_status_only_and_is_idempotent() {
        Experiment running = Experiment.start(KEY, List.of(Option.of("a", 1), Option.of("b", 3)), CREATED, 7);
        Experiment stopped = running.stopped();

        assertThat(stopped.status()).isEqualTo(ExperimentStatus.STOPPED);
        assertThat(stopped.options()).isEqualTo(running.options());
        assertThat(stopped.createdAt()).isEqualTo(running.createdAt());
        assertThat(stopped.seed()).isEqualTo(running.seed());
        assertThat(stopped.stopped()).isSameAs(stopped);
        assertThat(running.isRunning()).as("the original is immutable").isTrue();
        assertThat(IntStream.range(0, 40).mapToObj(stopped::optionAtSlot))
                .containsExactlyElementsOf(IntStream.range(0, 40).mapToObj(running::optionAtSlot).toList());
    }

    @Test
    void an_experiment_needs_1_to_20_options_with_distinct_values() {
        assertThatThrownBy(() -> Experiment.start(KEY, List.of(), CREATED, 1))
                .hasMessage("an experiment needs at least one option");
        List<Option> many = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            many.add(Option.of("v" + i, 1));
        }
        assertThatThrownBy(() -> Experiment.start(KEY, many, CREATED, 1))
                .hasMessage("an experiment has at most 20 options (got 21)");
        assertThat(Experiment.start(KEY, many.subList(0, 20), CREATED, 1).options()).hasSize(20);
        assertThatThrownBy(() -> Experiment.start(KEY, List.of(Option.of("a", 1), Option.of("a", 2)), CREATED, 1))
                .hasMessage("option values must be distinct (\"a\" appears twice)");
    }

    @Test
    void weights_that_need_a_block_above_the_cap_are_rejected_with_advice() {
        List<Option> thirds = List.of(Option.of("a", "33.33"), Option.of("b", "33.33"), Option.of("c", "33.35"));

        assertThatThrownBy(() -> Experiment.start(KEY, thirds, CREATED, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than 10000 devices")
                .hasMessageContaining("use simpler ratios");
    }

    @Test
    void the_options_list_cannot_be_changed_from_outside() {
        List<Option> options = new ArrayList<>(List.of(Option.of("a", 1)));
        Experiment experiment = Experiment.start(KEY, options, CREATED, 1);
        options.add(Option.of("b", 1));

        assertThat(experiment.options()).hasSize(1);
        assertThatThrownBy(() -> experiment.options().add(Option.of("c", 1))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void a_device_holds_at_most_one_assignment_per_experiment() {
        DeviceToken token = DeviceToken.of("d");
        assertThatThrownBy(() -> new Device(token, CREATED, DeviceAttributes.UNKNOWN, List.of(new Assignment(KEY, "a"), new Assignment(KEY, "b"))))
                .hasMessage("a device has at most one assignment per experiment");
        Device device = new Device(token, CREATED, DeviceAttributes.UNKNOWN, List.of(new Assignment(KEY, "a")));
        assertThat(device.valueIn(KEY)).contains("a");
        assertThat(device.valueIn(ExperimentKey.of("other"))).isEmpty();
    }

    @Test
    void the_shipped_experiments_are_the_two_of_the_spec() {
        assertThat(ShippedExperiments.all()).extracting(e -> e.key().value()).containsExactly("button_color", "price");
        assertThat(ShippedExperiments.BUTTON_COLOR.options())
                .containsExactly(Option.of("#FF0000", "33.3"), Option.of("#00FF00", "33.3"), Option.of("#0000FF", "33.3"));
        assertThat(ShippedExperiments.PRICE.options())
                .containsExactly(Option.of("10", "75"), Option.of("20", "10"), Option.of("50", "5"), Option.of("5", "10"));
        assertThat(ShippedExperiments.BUTTON_COLOR.blockSize()).isEqualTo(3);
        assertThat(ShippedExperiments.PRICE.blockSize()).isEqualTo(20);
        assertThat(ShippedExperiments.BUTTON_COLOR.createdAt()).isBefore(ShippedExperiments.PRICE.createdAt());
    }
}
