package dev.abkit.core.service;

import dev.abkit.core.error.DuplicateExperimentException;
import dev.abkit.core.error.UnknownExperimentException;
import dev.abkit.core.memory.InMemoryExperiments;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.ExperimentStatus;
import dev.abkit.core.model.Option;
import dev.abkit.core.port.in.NewExperiment;
import dev.abkit.core.testing.TickingClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static dev.abkit.core.audit.TestAudit.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExperimentAdminServiceTest {

    private final TickingClock clock = new TickingClock(Instant.parse("2026-04-01T08:00:00Z"));
    private final InMemoryExperiments experiments = new InMemoryExperiments();
    private final ExperimentAdminService admin = new ExperimentAdminService(experiments, clock, () -> 99L);

    private static NewExperiment twoWay(String key) {
        return new NewExperiment(ExperimentKey.of(key), List.of(Option.of("a", 50), Option.of("b", 50)));
    }

    @Test
    void a_created_experiment_runs_from_now_with_a_seed_from_the_seed_source() {
        Experiment created = admin.create(ADMIN, twoWay("onboarding"));

        assertThat(created.status()).isEqualTo(ExperimentStatus.RUNNING);
        assertThat(created.createdAt()).isEqualTo(clock.instant());
        assertThat(created.seed()).isEqualTo(99L);
        assertThat(admin.get(ExperimentKey.of("onboarding"))).isEqualTo(created);
        assertThat(experiments.running().experiments()).containsExactly(created);
    }

    @Test
    void experiments_are_listed_in_creation_order() {
        admin.create(ADMIN, twoWay("zeta"));
        clock.advance(Duration.ofSeconds(1));
        admin.create(ADMIN, twoWay("alpha"));

        assertThat(admin.all()).extracting(e -> e.key().value()).containsExactly("zeta", "alpha");
    }

    @Test
    void a_key_is_never_reused_even_after_a_stop() {
        admin.create(ADMIN, twoWay("once"));
        admin.stop(ADMIN, ExperimentKey.of("once"));

        assertThatThrownBy(() -> admin.create(ADMIN, twoWay("once")))
                .isInstanceOf(DuplicateExperimentException.class)
                .hasMessageContaining("\"once\" exists already");
        assertThat(admin.all()).hasSize(1);
    }

    @Test
    void stopping_is_final_idempotent_and_keeps_the_definition() {
        Experiment created = admin.create(ADMIN, twoWay("checkout"));

        Experiment stopped = admin.stop(ADMIN, ExperimentKey.of("checkout"));
        Experiment again = admin.stop(ADMIN, ExperimentKey.of("checkout"));

        assertThat(stopped.status()).isEqualTo(ExperimentStatus.STOPPED);
        assertThat(again).isEqualTo(stopped);
        assertThat(stopped.options()).isEqualTo(created.options());
        assertThat(stopped.createdAt()).isEqualTo(created.createdAt());
        assertThat(experiments.running().experiments()).isEmpty();
        assertThat(admin.all()).containsExactly(stopped);
    }

    @Test
    void unknown_keys_are_reported_by_name() {
        assertThatThrownBy(() -> admin.get(ExperimentKey.of("nope")))
                .isInstanceOf(UnknownExperimentException.class)
                .hasMessage("there is no experiment with key \"nope\"");
        assertThatThrownBy(() -> admin.stop(ADMIN, ExperimentKey.of("nope"))).isInstanceOf(UnknownExperimentException.class);
    }

    /** Invalid options cannot even be asked for, so an adapter tells bad input from failures of the use case. */
    @Test
    void invalid_definitions_are_rejected_as_the_command_is_made() {
        ExperimentKey key = ExperimentKey.of("bad");

        assertThatThrownBy(() -> new NewExperiment(key, List.of(Option.of("a", 1), Option.of("a", 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("distinct");
        assertThatThrownBy(() -> new NewExperiment(key, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("an experiment needs at least one option");
        assertThatThrownBy(() -> new NewExperiment(key, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("an experiment needs at least one option");
        assertThatThrownBy(() -> new NewExperiment(key, List.of(Option.of("a", 33.33), Option.of("b", 33.33), Option.of("c", 33.35))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("block");
        List<Option> many = IntStream.range(0, 21).mapToObj(i -> Option.of("v" + i, 1)).toList();
        assertThatThrownBy(() -> new NewExperiment(key, many))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 20 options");
        assertThat(admin.all()).isEmpty();
    }
}
