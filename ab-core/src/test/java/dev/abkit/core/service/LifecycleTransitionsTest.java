package dev.abkit.core.service;

import dev.abkit.core.auth.PermissionDeniedException;
import dev.abkit.core.auth.Principal;
import dev.abkit.core.auth.Role;
import dev.abkit.core.auth.TokenId;
import dev.abkit.core.auth.TokenName;
import dev.abkit.core.error.IllegalTransitionException;
import dev.abkit.core.error.InvalidScheduleException;
import dev.abkit.core.memory.InMemoryExperiments;
import dev.abkit.core.model.Audience;
import dev.abkit.core.model.Coverage;
import dev.abkit.core.model.EndAction;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.ExperimentStatus;
import dev.abkit.core.model.Lifecycle;
import dev.abkit.core.model.Option;
import dev.abkit.core.model.Platform;
import dev.abkit.core.port.in.ExperimentChanges;
import dev.abkit.core.testing.TickingClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import static dev.abkit.core.audit.TestAudit.ADMIN;
import static dev.abkit.core.audit.TestAudit.audited;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The transition table, pair by pair: every admin call on an experiment in every status, with the
 * status it leads to, "same" where the call changes nothing (a retry), or 409 where it is refused.
 * Written out here rather than derived from {@code Transition}, so that a change of the table shows.
 */
class LifecycleTransitionsTest {

    private static final Instant NOW = Instant.parse("2026-04-01T08:00:00Z");
    private static final ExperimentKey KEY = ExperimentKey.of("onboarding");

    private final TickingClock clock = new TickingClock(NOW);
    private final InMemoryExperiments experiments = new InMemoryExperiments();
    private final ExperimentAdminService admin = new ExperimentAdminService(experiments, clock, () -> 7L);

    @ParameterizedTest(name = "{0} from {1}: {2}")
    @CsvSource({
            "start,    DRAFT,     RUNNING",
            "start,    SCHEDULED, RUNNING",
            "start,    RUNNING,   same",
            "start,    CLOSED,    409",
            "start,    STOPPED,   409",
            "schedule, DRAFT,     SCHEDULED",
            "schedule, SCHEDULED, SCHEDULED",
            "schedule, RUNNING,   409",
            "schedule, CLOSED,    409",
            "schedule, STOPPED,   409",
            "check,    DRAFT,     same",
            "check,    SCHEDULED, same",
            "check,    RUNNING,   409",
            "check,    CLOSED,    409",
            "check,    STOPPED,   409",
            "close,    DRAFT,     409",
            "close,    SCHEDULED, 409",
            "close,    RUNNING,   CLOSED",
            "close,    CLOSED,    same",
            "close,    STOPPED,   409",
            "stop,     DRAFT,     STOPPED",
            "stop,     SCHEDULED, STOPPED",
            "stop,     RUNNING,   STOPPED",
            "stop,     CLOSED,    STOPPED",
            "stop,     STOPPED,   same",
            "endAt,    DRAFT,     DRAFT",
            "endAt,    SCHEDULED, SCHEDULED",
            "endAt,    RUNNING,   RUNNING",
            "endAt,    CLOSED,    CLOSED",
            "endAt,    STOPPED,   409",
            "options,  DRAFT,     DRAFT",
            "options,  SCHEDULED, 409",
            "options,  RUNNING,   409",
            "options,  CLOSED,    409",
            "options,  STOPPED,   409",
            "startAt,  DRAFT,     DRAFT",
            "startAt,  SCHEDULED, 409",
            "startAt,  RUNNING,   409",
            "startAt,  CLOSED,    409",
            "startAt,  STOPPED,   409",
            "audience, DRAFT,     DRAFT",
            "audience, SCHEDULED, 409",
            "audience, RUNNING,   409",
            "audience, CLOSED,    409",
            "audience, STOPPED,   409",
            "coverage, DRAFT,     DRAFT",
            "coverage, SCHEDULED, SCHEDULED",
            "coverage, RUNNING,   RUNNING",
            "coverage, CLOSED,    409",
            "coverage, STOPPED,   409",
    })
    void every_call_from_every_status(String call, ExperimentStatus from, String outcome) {
        Experiment before = stored(from);

        if (outcome.equals("409")) {
            assertThatThrownBy(() -> call(call))
                    .isInstanceOfSatisfying(IllegalTransitionException.class, refused -> {
                        assertThat(refused.currentStatus()).isEqualTo(from);
                        assertThat(refused.getMessage()).contains("is " + from);
                    });
            assertThat(admin.get(KEY)).isEqualTo(before);
            return;
        }
        Experiment after = call(call);
        assertThat(admin.get(KEY)).isEqualTo(after);
        if (outcome.equals("same")) {
            assertThat(after).isEqualTo(before);
        } else {
            assertThat(after.status()).isEqualTo(ExperimentStatus.valueOf(outcome));
            assertThat(after).isNotEqualTo(before);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"DRAFT, false", "SCHEDULED, false", "RUNNING, true", "CLOSED, true", "STOPPED, false"})
    void only_running_and_closed_experiments_are_served_and_only_running_ones_enrol(ExperimentStatus status,
                                                                                    boolean served) {
        stored(status);

        assertThat(experiments.running().experiments().stream().map(Experiment::key))
                .containsExactlyElementsOf(served ? List.of(KEY) : List.of());
        assertThat(experiments.running().enrolling()).hasSize(status == ExperimentStatus.RUNNING ? 1 : 0);
    }

    @Test
    void a_schedule_check_refuses_a_past_start_by_its_field_and_a_role_that_may_not_change_and_changes_nothing() {
        Experiment before = stored(ExperimentStatus.DRAFT);

        assertThatThrownBy(() -> admin.check(ADMIN, KEY, NOW.minusSeconds(1), null))
                .isInstanceOfSatisfying(InvalidScheduleException.class, refused -> assertThat(refused.field()).isEqualTo("startAt"));
        assertThatThrownBy(() -> admin.check(ADMIN, KEY, NOW.plusSeconds(60), NOW.plusSeconds(30)))
                .isInstanceOfSatisfying(InvalidScheduleException.class, refused -> assertThat(refused.field()).isEqualTo("endAt"));
        Principal analyst = new Principal(Optional.of(new TokenId(UUID.randomUUID())), TokenName.of("ann"), Role.ANALYST);
        assertThatThrownBy(() -> admin.check(analyst, KEY, NOW.plusSeconds(60), null))
                .isInstanceOf(PermissionDeniedException.class);
        assertThat(admin.get(KEY)).isEqualTo(before);
    }

    private Experiment call(String call) {
        Instant later = NOW.plus(Duration.ofHours(2));
        Function<ExperimentKey, Experiment> action = switch (call) {
            case "start" -> key -> admin.start(ADMIN, key);
            case "schedule" -> key -> admin.schedule(ADMIN, key, later, null);
            case "check" -> key -> { // what schedule would refuse, and nothing changed
                admin.check(ADMIN, key, later, null);
                return admin.get(key);
            };
            case "close" -> key -> admin.close(ADMIN, key);
            case "stop" -> key -> admin.stop(ADMIN, key);
            case "endAt" -> key -> admin.edit(ADMIN, key, ExperimentChanges.none().withEndAt(later.plusSeconds(60)));
            case "options" -> key -> admin.edit(ADMIN, key, ExperimentChanges.none().withOptions(List.of(Option.of("x", 1))));
            case "startAt" -> key -> admin.edit(ADMIN, key, ExperimentChanges.none().withStartAt(later));
            case "coverage" -> key -> admin.edit(ADMIN, key, ExperimentChanges.none().withCoverage(Coverage.percent("10")));
            case "audience" -> key -> admin.edit(ADMIN, key, ExperimentChanges.none().withAudience(
                    new Audience(List.of(Platform.IOS), null, null, null, null, false)));
            default -> throw new IllegalArgumentException(call);
        };
        return action.apply(KEY);
    }

    private Experiment stored(ExperimentStatus status) {
        Instant before = NOW.minus(Duration.ofHours(1));
        Lifecycle lifecycle = switch (status) {
            case DRAFT -> new Lifecycle(status, null, null, null, EndAction.STOP);
            case SCHEDULED -> new Lifecycle(status, NOW.plus(Duration.ofHours(1)), null, null, EndAction.STOP);
            case RUNNING, CLOSED, STOPPED -> new Lifecycle(status, null, null, before, EndAction.STOP);
        };
        Experiment experiment = new Experiment(KEY, List.of(Option.of("a", 50), Option.of("b", 50)), lifecycle,
                before, 7L);
        audited(experiments).add(experiment);
        return experiment;
    }
}
