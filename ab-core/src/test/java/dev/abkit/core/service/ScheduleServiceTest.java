package dev.abkit.core.service;

import dev.abkit.core.error.InvalidScheduleException;
import dev.abkit.core.memory.InMemoryExperiments;
import dev.abkit.core.model.EndAction;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.ExperimentStatus;
import dev.abkit.core.model.Option;
import dev.abkit.core.port.in.ExperimentChanges;
import dev.abkit.core.port.in.NewExperiment;
import dev.abkit.core.testing.TickingClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.abkit.core.audit.TestAudit.ADMIN;
import static dev.abkit.core.audit.TestAudit.audited;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Due-ness and carrying it out: starts and ends happen when their instant has come, once. */
class ScheduleServiceTest {

    private static final Instant NOW = Instant.parse("2026-04-01T08:00:00Z");
    private static final ExperimentKey KEY = ExperimentKey.of("onboarding");
    private static final List<Option> OPTIONS = List.of(Option.of("a", 50), Option.of("b", 50));

    private final TickingClock clock = new TickingClock(NOW);
    private final InMemoryExperiments experiments = new InMemoryExperiments();
    private final AtomicInteger refreshes = new AtomicInteger();
    private final ExperimentAdminService admin = new ExperimentAdminService(experiments, clock, () -> 7L);
    private final ScheduleService schedules = new ScheduleService(experiments, clock, refreshes::incrementAndGet);

    private Experiment create(Instant startAt, Instant endAt, EndAction endAction) {
        return admin.create(ADMIN, new NewExperiment(KEY, OPTIONS, false, startAt, endAt, endAction));
    }

    @Test
    void a_scheduled_start_is_not_due_before_its_instant_and_starts_at_the_instant_it_is_carried_out() {
        create(NOW.plusSeconds(10), null, null);

        clock.advance(Duration.ofMillis(9_999));
        assertThat(schedules.carryOutDue()).isEmpty();
        assertThat(admin.get(KEY).status()).isEqualTo(ExperimentStatus.SCHEDULED);
        assertThat(experiments.running().experiments()).isEmpty();

        clock.advance(Duration.ofMillis(250));
        List<Experiment> changed = schedules.carryOutDue();

        Experiment started = admin.get(KEY);
        assertThat(changed).containsExactly(started);
        assertThat(started.status()).isEqualTo(ExperimentStatus.RUNNING);
        assertThat(started.lifecycle().startedAt()).isEqualTo(NOW.plusMillis(10_249));
        assertThat(started.lifecycle().startAt()).isEqualTo(NOW.plusSeconds(10));
        assertThat(experiments.running().enrolling()).containsExactly(started);
        assertThat(refreshes).hasValue(1);
    }

    @Test
    void a_due_change_is_carried_out_once_however_often_it_is_checked() {
        create(NOW.plusSeconds(1), null, null);
        clock.advance(Duration.ofSeconds(1));
        long version = experiments.running().version();

        assertThat(schedules.carryOutDue()).hasSize(1);
        Experiment started = admin.get(KEY);
        clock.advance(Duration.ofSeconds(1));
        assertThat(schedules.carryOutDue()).isEmpty();

        assertThat(admin.get(KEY)).isEqualTo(started);
        assertThat(experiments.running().version()).isEqualTo(version + 1);
    }

    @Test
    void a_check_that_read_before_another_carried_it_out_changes_nothing() {
        create(NOW.plusSeconds(1), null, null);
        Experiment readByTheSlowerInstance = admin.get(KEY);
        clock.advance(Duration.ofSeconds(1));
        schedules.carryOutDue();
        Experiment started = admin.get(KEY);
        clock.advance(Duration.ofMillis(5));

        boolean replaced = audited(experiments).replace(readByTheSlowerInstance,
                readByTheSlowerInstance.dueAt(clock.instant()).orElseThrow());

        assertThat(replaced).isFalse();
        assertThat(admin.get(KEY)).isEqualTo(started);
    }

    @Test
    void an_end_closes_or_stops_as_the_experiment_says() {
        admin.create(ADMIN, new NewExperiment(ExperimentKey.of("closes"), OPTIONS, false, null, NOW.plusSeconds(5), EndAction.CLOSE));
        admin.create(ADMIN, new NewExperiment(ExperimentKey.of("stops"), OPTIONS, false, null, NOW.plusSeconds(5), null));
        clock.advance(Duration.ofSeconds(5));

        assertThat(schedules.carryOutDue()).hasSize(2);

        assertThat(admin.get(ExperimentKey.of("closes")).status()).isEqualTo(ExperimentStatus.CLOSED);
        assertThat(admin.get(ExperimentKey.of("stops")).status()).isEqualTo(ExperimentStatus.STOPPED);
        clock.advance(Duration.ofSeconds(5));
        assertThat(schedules.carryOutDue()).as("a closed experiment whose end closes it has nothing more due").isEmpty();
    }

    @Test
    void a_server_down_over_both_instants_starts_and_ends_it_at_its_next_check() {
        create(NOW.plusSeconds(1), NOW.plusSeconds(2), EndAction.CLOSE);
        clock.advance(Duration.ofMinutes(1));

        schedules.carryOutDue();

        Experiment experiment = admin.get(KEY);
        assertThat(experiment.status()).isEqualTo(ExperimentStatus.CLOSED);
        assertThat(experiment.lifecycle().startedAt()).isEqualTo(NOW.plus(Duration.ofMinutes(1)));
    }

    @Test
    void a_closed_experiment_with_an_end_that_stops_is_stopped_at_its_end() {
        create(null, NOW.plusSeconds(60), EndAction.STOP);
        admin.close(ADMIN, KEY);
        clock.advance(Duration.ofSeconds(60));

        schedules.carryOutDue();

        assertThat(admin.get(KEY).status()).isEqualTo(ExperimentStatus.STOPPED);
    }

    @Test
    void drafts_and_experiments_without_a_schedule_are_never_due() {
        admin.create(ADMIN, new NewExperiment(KEY, OPTIONS, true, NOW.plusSeconds(1), NOW.plusSeconds(2), null));
        admin.create(ADMIN, new NewExperiment(ExperimentKey.of("plain"), OPTIONS));
        clock.advance(Duration.ofDays(1));

        assertThat(schedules.carryOutDue()).isEmpty();
        assertThat(admin.get(KEY).status()).isEqualTo(ExperimentStatus.DRAFT);
        assertThat(refreshes).hasValue(0);
    }

    @Test
    void creating_decides_the_status_from_draft_and_start() {
        assertThat(admin.create(ADMIN, new NewExperiment(ExperimentKey.of("now"), OPTIONS)).lifecycle().startedAt())
                .isEqualTo(NOW);
        assertThat(admin.create(ADMIN, new NewExperiment(ExperimentKey.of("later"), OPTIONS, false, NOW.plusSeconds(1), null, null))
                .status()).isEqualTo(ExperimentStatus.SCHEDULED);
        assertThat(admin.create(ADMIN, new NewExperiment(ExperimentKey.of("prepared"), OPTIONS, true, NOW.plusSeconds(1), null, null))
                .status()).isEqualTo(ExperimentStatus.DRAFT);
        assertThat(admin.get(ExperimentKey.of("later")).lifecycle().endAction()).isEqualTo(EndAction.STOP);
    }

    @Test
    void instants_that_are_not_in_the_future_or_an_end_before_the_start_are_refused_naming_the_field() {
        assertThatThrownBy(() -> create(NOW, null, null))
                .isInstanceOfSatisfying(InvalidScheduleException.class, e -> assertThat(e.field()).isEqualTo("startAt"));
        assertThatThrownBy(() -> create(null, NOW.minusSeconds(1), null))
                .isInstanceOfSatisfying(InvalidScheduleException.class, e -> assertThat(e.field()).isEqualTo("endAt"));
        assertThatThrownBy(() -> create(NOW.plusSeconds(10), NOW.plusSeconds(10), null))
                .isInstanceOfSatisfying(InvalidScheduleException.class, e -> assertThat(e.field()).isEqualTo("endAt"));
        assertThat(experiments.all()).isEmpty();

        admin.create(ADMIN, new NewExperiment(KEY, OPTIONS, true, null, null, null));
        assertThatThrownBy(() -> admin.schedule(ADMIN, KEY, NOW.minusSeconds(1), null))
                .isInstanceOfSatisfying(InvalidScheduleException.class, e -> assertThat(e.field()).isEqualTo("startAt"));
        assertThatThrownBy(() -> admin.schedule(ADMIN, KEY, null, null))
                .isInstanceOfSatisfying(InvalidScheduleException.class, e -> assertThat(e.field()).isEqualTo("startAt"));
        assertThatThrownBy(() -> admin.edit(ADMIN, KEY, ExperimentChanges.none().withEndAt(NOW)))
                .isInstanceOfSatisfying(InvalidScheduleException.class, e -> assertThat(e.field()).isEqualTo("endAt"));
        assertThat(admin.get(KEY).status()).isEqualTo(ExperimentStatus.DRAFT);
    }

    @Test
    void a_draft_takes_new_options_and_keeps_its_key_seed_and_creation() {
        Experiment draft = admin.create(ADMIN, new NewExperiment(KEY, OPTIONS, true, null, null, null));

        Experiment edited = admin.edit(ADMIN, KEY, ExperimentChanges.none()
                .withOptions(List.of(Option.of("x", 1), Option.of("y", 3))).withEndAction(EndAction.CLOSE));

        assertThat(edited.options()).containsExactly(Option.of("x", 1), Option.of("y", 3));
        assertThat(edited.lifecycle().endAction()).isEqualTo(EndAction.CLOSE);
        assertThat(edited.seed()).isEqualTo(draft.seed());
        assertThat(edited.createdAt()).isEqualTo(draft.createdAt());
        assertThat(admin.get(KEY)).isEqualTo(edited);
    }

    @Test
    void an_edit_removes_an_end_given_as_none_and_keeps_what_it_does_not_name() {
        create(null, NOW.plusSeconds(60), EndAction.CLOSE);

        Experiment edited = admin.edit(ADMIN, KEY, ExperimentChanges.none().withEndAt(null));

        assertThat(edited.lifecycle().endAt()).isNull();
        assertThat(edited.lifecycle().endAction()).isEqualTo(EndAction.CLOSE);
        assertThat(admin.edit(ADMIN, KEY, ExperimentChanges.none().withEndAction(EndAction.STOP)).lifecycle().endAt()).isNull();
    }

    @Test
    void starting_a_draft_whose_end_has_passed_is_refused_naming_endAt() {
        admin.create(ADMIN, new NewExperiment(KEY, OPTIONS, true, null, NOW.plusSeconds(1), null));
        clock.advance(Duration.ofSeconds(2));

        assertThatThrownBy(() -> admin.start(ADMIN, KEY))
                .isInstanceOfSatisfying(InvalidScheduleException.class, e -> assertThat(e.field()).isEqualTo("endAt"));
    }
}
