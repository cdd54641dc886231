package dev.abkit.core.service;

import dev.abkit.core.audit.Actor;
import dev.abkit.core.audit.AuditAction;
import dev.abkit.core.audit.AuditEntry;
import dev.abkit.core.audit.AuditPage;
import dev.abkit.core.audit.AuditQuery;
import dev.abkit.core.audit.AuditRecord;
import dev.abkit.core.audit.Snapshot;
import dev.abkit.core.auth.AdminToken;
import dev.abkit.core.auth.PermissionDeniedException;
import dev.abkit.core.auth.Principal;
import dev.abkit.core.auth.Role;
import dev.abkit.core.auth.TokenId;
import dev.abkit.core.auth.TokenName;
import dev.abkit.core.error.IllegalTransitionException;
import dev.abkit.core.error.UnknownExperimentException;
import dev.abkit.core.AbKit;
import dev.abkit.core.memory.InMemoryAuditLog;
import dev.abkit.core.memory.InMemoryDevices;
import dev.abkit.core.memory.InMemoryEventStore;
import dev.abkit.core.memory.InMemoryExportRows;
import dev.abkit.core.memory.InMemorySlotCounters;
import dev.abkit.core.memory.InMemoryExperiments;
import dev.abkit.core.memory.InMemoryTokens;
import dev.abkit.core.model.Coverage;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.EndAction;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.Option;
import dev.abkit.core.port.in.CreatedToken;
import dev.abkit.core.port.in.ExperimentChanges;
import dev.abkit.core.port.in.NewExperiment;
import dev.abkit.core.port.in.NewToken;
import dev.abkit.core.testing.TickingClock;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What each admin use case records in the audit trail (decision 19): one entry per change made, naming the
 * actor, none for a call that changes nothing or is refused; and who may read which entries.
 */
class AuditedChangesTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final ExperimentKey KEY = ExperimentKey.of("checkout");

    private final TickingClock clock = new TickingClock(NOW);
    private final InMemoryAuditLog log = new InMemoryAuditLog();
    private final InMemoryExperiments experiments = new InMemoryExperiments(log).addShipped();
    private final ExperimentAdminService admin = new ExperimentAdminService(experiments, clock, () -> 7L);
    private final OverrideService overrides = new OverrideService(experiments, clock, () -> { });
    private final ScheduleService schedules = new ScheduleService(experiments, clock, () -> { });
    private final TokenService tokens = new TokenService(new InMemoryTokens(log), AdminToken.of("bootstrap-secret"),
            clock, new SecureRandom());
    private final AuditService audit = new AuditService(log, experiments);

    private final Principal alice = person("alice", Role.EDITOR);
    private final Principal quinn = person("quinn", Role.QA);

    @Test
    void each_change_of_an_experiment_is_recorded_with_its_actor_and_the_experiment_before_and_after() {
        admin.create(alice, new NewExperiment(KEY, List.of(Option.of("a", 1), Option.of("b", 1)), true, null, null, null));
        tick();
        admin.edit(alice, KEY, ExperimentChanges.none().withCoverage(Coverage.percent("50")));
        tick();
        admin.schedule(alice, KEY, NOW.plus(Duration.ofHours(1)), null);
        tick();
        admin.start(alice, KEY);
        tick();
        admin.close(alice, KEY);
        tick();
        admin.stop(alice, KEY);

        List<AuditEntry> trail = entries();
        assertThat(trail).extracting(AuditEntry::action, entry -> entry.actor().name(), entry -> entry.actor().role(),
                        entry -> entry.experiment().orElseThrow().value())
                .containsExactly(
                        tuple(AuditAction.EXPERIMENT_CREATED, "alice", "editor", "checkout"),
                        tuple(AuditAction.EXPERIMENT_UPDATED, "alice", "editor", "checkout"),
                        tuple(AuditAction.EXPERIMENT_SCHEDULED, "alice", "editor", "checkout"),
                        tuple(AuditAction.EXPERIMENT_STARTED, "alice", "editor", "checkout"),
                        tuple(AuditAction.EXPERIMENT_CLOSED, "alice", "editor", "checkout"),
                        tuple(AuditAction.EXPERIMENT_STOPPED, "alice", "editor", "checkout"));
        assertThat(trail).extracting(entry -> entry.before().map(before -> before.members().get("status")).orElse(null),
                        entry -> entry.after().orElseThrow().members().get("status"))
                .containsExactly(tuple(null, "DRAFT"), tuple("DRAFT", "DRAFT"), tuple("DRAFT", "SCHEDULED"),
                        tuple("SCHEDULED", "RUNNING"), tuple("RUNNING", "CLOSED"), tuple("CLOSED", "STOPPED"));
        assertThat(trail.get(1).before().orElseThrow().members().get("coverage")).isEqualTo(100L);
        assertThat(trail.get(1).after().orElseThrow().members().get("coverage")).isEqualTo(50L);
        assertThat(trail).extracting(AuditEntry::at).isSorted().doesNotHaveDuplicates();
        assertThat(trail.get(3).at()).as("the start's entry is at the instant it started")
                .isEqualTo(admin.get(KEY).lifecycle().startedAt());
    }

    @Test
    void a_call_that_changes_nothing_or_is_refused_records_nothing() {
        admin.create(alice, new NewExperiment(KEY, List.of(Option.of("a", 1)), false, null, null, null));
        admin.start(alice, KEY); // running already
        assertThatThrownBy(() -> admin.stop(quinn, KEY)).isInstanceOf(PermissionDeniedException.class);
        admin.stop(alice, KEY);
        assertThatThrownBy(() -> admin.start(alice, KEY)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> overrides.put(alice, KEY, DeviceToken.of("qa-phone"), "a"))
                .isInstanceOf(IllegalTransitionException.class);

        assertThat(entries()).extracting(AuditEntry::action)
                .containsExactly(AuditAction.EXPERIMENT_CREATED, AuditAction.EXPERIMENT_STOPPED);
    }

    @Test
    void a_due_start_and_end_are_recorded_by_the_scheduler() {
        admin.create(alice, new NewExperiment(KEY, List.of(Option.of("a", 1)), false, NOW.plusSeconds(10),
                NOW.plusSeconds(20), EndAction.CLOSE));
        clock.advance(Duration.ofSeconds(10));
        schedules.carryOutDue();
        clock.advance(Duration.ofSeconds(10));
        schedules.carryOutDue();
        schedules.carryOutDue(); // nothing due any more: nothing recorded

        assertThat(entries()).extracting(AuditEntry::action, AuditEntry::actor).containsExactly(
                tuple(AuditAction.EXPERIMENT_CREATED, Actor.of(alice)),
                tuple(AuditAction.EXPERIMENT_STARTED, Actor.SCHEDULER),
                tuple(AuditAction.EXPERIMENT_CLOSED, Actor.SCHEDULER));
        assertThat(entries().get(2).at()).isEqualTo(NOW.plusSeconds(20));
    }

    @Test
    void an_override_set_over_another_shows_the_one_it_replaced_and_a_removal_the_one_removed() {
        admin.create(alice, new NewExperiment(KEY, List.of(Option.of("a", 1), Option.of("b", 1)), true, null, null, null));
        DeviceToken phone = DeviceToken.of("qa-phone");
        overrides.put(quinn, KEY, phone, "a");
        tick();
        overrides.put(quinn, KEY, phone, "b");
        tick();
        overrides.remove(quinn, KEY, phone);

        List<AuditEntry> trail = entries().subList(1, 4);
        assertThat(trail).extracting(AuditEntry::action, entry -> value(entry.before()), entry -> value(entry.after()))
                .containsExactly(tuple(AuditAction.OVERRIDE_SET, null, "a"), tuple(AuditAction.OVERRIDE_SET, "a", "b"),
                        tuple(AuditAction.OVERRIDE_REMOVED, "b", null));
        assertThat(trail).extracting(entry -> entry.actor().name()).containsOnly("quinn");
    }

    /** Puts racing on one device: each entry's before is the after of the one before it, never a value that no longer held. */
    @Test
    void overrides_put_at_once_on_one_device_record_an_unbroken_chain() throws Exception {
        admin.create(alice, new NewExperiment(KEY, List.of(Option.of("a", 1), Option.of("b", 1)), true, null, null, null));
        DeviceToken phone = DeviceToken.of("qa-phone");
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> puts = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                String value = thread % 2 == 0 ? "a" : "b";
                puts.add(threads.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        overrides.put(quinn, KEY, phone, value);
                    }
                    return null;
                }));
            }
            for (Future<?> put : puts) {
                put.get();
            }
        } finally {
            threads.shutdownNow();
        }

        List<AuditEntry> trail = entries().subList(1, entries().size());
        assertThat(trail).hasSize(200);
        assertThat(trail.get(0).before()).isEmpty();
        for (int i = 1; i < trail.size(); i++) {
            assertThat(trail.get(i).before()).as("entry " + i).isEqualTo(trail.get(i - 1).after());
        }
    }

    @Test
    void a_token_created_and_revoked_is_recorded_without_its_secret_and_a_second_revocation_is_not() {
        Principal admin = Principal.bootstrap();
        CreatedToken created = tokens.create(admin, new NewToken(TokenName.of("bob"), Role.ANALYST,
                Optional.of(Duration.ofDays(90))));
        tick();
        tokens.revoke(admin, created.token().id());
        tokens.revoke(admin, created.token().id());

        List<AuditEntry> trail = entries();
        assertThat(trail).extracting(AuditEntry::action, AuditEntry::experiment)
                .containsExactly(tuple(AuditAction.TOKEN_CREATED, Optional.empty()),
                        tuple(AuditAction.TOKEN_REVOKED, Optional.empty()));
        Map<String, Object> after = trail.get(1).after().orElseThrow().members();
        assertThat(after).containsEntry("name", "bob").containsEntry("role", "analyst")
                .containsEntry("revokedAt", NOW.plusSeconds(1).toString()).doesNotContainKeys("digest", "token", "secret");
        assertThat(trail.get(1).before().orElseThrow().members()).containsEntry("revokedAt", null);
        assertThat(after.values()).doesNotContain(created.secret());
    }

    @Test
    void no_token_or_service_takes_the_name_of_abkits_own_actors() {
        for (String reserved : List.of("bootstrap", "scheduler")) {
            assertThatThrownBy(() -> new NewToken(TokenName.of(reserved), Role.ADMIN, Optional.empty()))
                    .hasMessageContaining("\"" + reserved + "\" is reserved");
            assertThatThrownBy(() -> Principal.service(reserved)).hasMessageContaining("is reserved");
        }
        assertThat(Principal.service("billing-service").name().value()).isEqualTo("billing-service");
        assertThat(Actor.SCHEDULER.name()).isEqualTo(Principal.SCHEDULER_NAME);
    }

    @Test
    void a_kit_with_exports_needs_the_trail_their_history_reads_its_ends_from() {
        InMemoryDevices devices = new InMemoryDevices(experiments, new InMemorySlotCounters());
        AbKit.Builder withoutTrail = AbKit.builder().experiments(experiments).devices(devices).enrollmentCounts(devices)
                .exportRows(new InMemoryExportRows(experiments, devices, new InMemoryEventStore(devices)));

        assertThatThrownBy(withoutTrail::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("export rows need the audit log too");
        assertThat(withoutTrail.auditLog(log).build().exportHistory()).isNotNull();
    }

    @Test
    void admins_read_the_whole_trail_analysts_all_but_the_tokens_and_other_roles_nothing() {
        admin.create(alice, new NewExperiment(KEY, List.of(Option.of("a", 1)), false, null, null, null));
        tokens.create(Principal.bootstrap(), new NewToken(TokenName.of("bob"), Role.ANALYST, Optional.empty()));

        assertThat(audit.read(Principal.bootstrap(), AuditQuery.all()).entries()).hasSize(2);
        assertThat(audit.read(person("ann", Role.ANALYST), AuditQuery.all()).entries())
                .extracting(record -> record.entry().action()).containsExactly(AuditAction.EXPERIMENT_CREATED);
        assertThatThrownBy(() -> audit.read(alice, AuditQuery.all())).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> audit.read(Principal.bootstrap(), AuditQuery.of(ExperimentKey.of("never"))))
                .isInstanceOf(UnknownExperimentException.class);
        assertThatThrownBy(() -> audit.read(quinn, AuditQuery.all())).isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void a_page_names_the_next_only_when_more_entries_follow() {
        for (int i = 0; i < 5; i++) {
            admin.create(alice, new NewExperiment(ExperimentKey.of("e" + i), List.of(Option.of("a", 1)), true, null, null, null));
        }
        AuditPage first = audit.read(Principal.bootstrap(), AuditQuery.all().limit(2));
        AuditPage second = audit.read(Principal.bootstrap(), AuditQuery.all().limit(2).after(first.next().orElseThrow()));
        AuditPage last = audit.read(Principal.bootstrap(), AuditQuery.all().limit(2).after(second.next().orElseThrow()));

        assertThat(first.entries()).extracting(AuditRecord::position).containsExactly(1L, 2L);
        assertThat(second.entries()).extracting(AuditRecord::position).containsExactly(3L, 4L);
        assertThat(last.entries()).extracting(AuditRecord::position).containsExactly(5L);
        assertThat(last.next()).isEmpty();
        assertThat(audit.read(Principal.bootstrap(), AuditQuery.all().limit(5)).next())
                .as("exactly a page's worth: no next").isEmpty();
    }

    private List<AuditEntry> entries() {
        return log.read(AuditQuery.all(), 1000).stream().map(AuditRecord::entry).toList();
    }

    private void tick() {
        clock.advance(Duration.ofSeconds(1));
    }

    private static Object value(Optional<Snapshot> snapshot) {
        return snapshot.map(members -> members.members().get("value")).orElse(null);
    }

    private static Principal person(String name, Role role) {
        return new Principal(Optional.of(new TokenId(UUID.randomUUID())), TokenName.of(name), role);
    }
}
