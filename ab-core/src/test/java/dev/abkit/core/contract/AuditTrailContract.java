package dev.abkit.core.contract;

import dev.abkit.core.audit.Actor;
import dev.abkit.core.audit.AuditAction;
import dev.abkit.core.audit.AuditEntry;
import dev.abkit.core.audit.AuditQuery;
import dev.abkit.core.audit.AuditRecord;
import dev.abkit.core.audit.Snapshots;
import dev.abkit.core.auth.PersonalToken;
import dev.abkit.core.auth.Principal;
import dev.abkit.core.auth.Role;
import dev.abkit.core.auth.TokenDigest;
import dev.abkit.core.auth.TokenId;
import dev.abkit.core.auth.TokenName;
import dev.abkit.core.error.DuplicateExperimentException;
import dev.abkit.core.model.AppVersion;
import dev.abkit.core.model.Audience;
import dev.abkit.core.model.CountryCode;
import dev.abkit.core.model.Coverage;
import dev.abkit.core.model.CoveragePlan;
import dev.abkit.core.model.DeviceOverride;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.EndAction;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.ExperimentStatus;
import dev.abkit.core.model.Lifecycle;
import dev.abkit.core.model.LocaleTag;
import dev.abkit.core.model.Option;
import dev.abkit.core.model.Platform;
import dev.abkit.core.port.out.AuditLog;
import dev.abkit.core.port.out.Experiments;
import dev.abkit.core.port.out.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every store must do with the audit trail (decision 19): the entry handed in with a change is kept
 * with it, exactly as given, and only when the change is made; the trail is read back in the order the
 * changes were committed, by position, so that paging neither repeats nor skips. The in-memory stores are
 * the reference; each adapter extends this class once per database.
 */
public abstract class AuditTrailContract {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00.123456Z");
    private static final Actor ALICE = new Actor("Ana María 😀", "editor");

    /** The stores of one fresh database: experiments (the shipped ones only), tokens, and the trail they write. */
    public record TrailPorts(Experiments experiments, Tokens tokens, AuditLog log) {
    }

    private TrailPorts ports;

    protected abstract TrailPorts freshPorts();

    @BeforeEach
    void openStores() {
        ports = freshPorts();
    }

    @Test
    void every_change_keeps_its_entry_exactly_as_given_in_the_order_made() {
        Experiment draft = draft("checkout");
        Experiment started = draft.withLifecycle(draft.lifecycle().startedAt(NOW.plusSeconds(1), null));
        DeviceOverride override = new DeviceOverride(draft.key(), DeviceToken.of("qa-phone"), "33.33%", NOW.plusSeconds(2));
        PersonalToken token = token("bob");
        List<AuditEntry> given = List.of(
                experimentEntry(AuditAction.EXPERIMENT_CREATED, null, draft, 0),
                experimentEntry(AuditAction.EXPERIMENT_STARTED, draft, started, 1),
                new AuditEntry(override.createdAt(), ALICE, AuditAction.OVERRIDE_SET, Optional.of(draft.key()),
                        Optional.empty(), Optional.of(Snapshots.of(override))),
                new AuditEntry(NOW.plusSeconds(3), ALICE, AuditAction.OVERRIDE_REMOVED, Optional.of(draft.key()),
                        Optional.of(Snapshots.of(override)), Optional.empty()),
                new AuditEntry(NOW.plusSeconds(4), Actor.of(Principal.bootstrap()),
                        AuditAction.TOKEN_CREATED, Optional.empty(), Optional.empty(), Optional.of(Snapshots.of(token))),
                new AuditEntry(NOW.plusSeconds(5), ALICE, AuditAction.TOKEN_REVOKED, Optional.empty(),
                        Optional.of(Snapshots.of(token)), Optional.of(Snapshots.of(token.revokedFrom(NOW.plusSeconds(5))))));

        ports.experiments().add(draft, given.get(0));
        assertThat(ports.experiments().replace(draft, started, given.get(1))).isTrue();
        assertThat(ports.experiments().putOverride(Optional.empty(), override, given.get(2))).isTrue();
        assertThat(ports.experiments().removeOverride(override, given.get(3))).isTrue();
        ports.tokens().add(token, given.get(4));
        assertThat(ports.tokens().revoke(token.id(), NOW.plusSeconds(5), given.get(5))).isPresent();

        List<AuditRecord> trail = ports.log().read(AuditQuery.all(), 100);
        assertThat(trail).extracting(AuditRecord::entry).containsExactlyElementsOf(given);
        assertThat(trail).extracting(AuditRecord::position).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void a_change_not_made_keeps_no_entry() {
        Experiment draft = draft("checkout");
        ports.experiments().add(draft, experimentEntry(AuditAction.EXPERIMENT_CREATED, null, draft, 0));
        Experiment started = draft.withLifecycle(draft.lifecycle().startedAt(NOW.plusSeconds(1), null));
        ports.experiments().replace(draft, started, experimentEntry(AuditAction.EXPERIMENT_STARTED, draft, started, 1));
        PersonalToken token = token("bob");
        ports.tokens().add(token, tokenEntry(AuditAction.TOKEN_CREATED, token));
        ports.tokens().revoke(token.id(), NOW.plusSeconds(2), tokenEntry(AuditAction.TOKEN_REVOKED, token));
        long before = ports.log().read(AuditQuery.all(), 100).size();

        // a lost compare-and-set: the stored experiment is no longer the draft this change was decided on
        Experiment stopped = draft.stopped();
        assertThat(ports.experiments().replace(draft, stopped,
                experimentEntry(AuditAction.EXPERIMENT_STOPPED, draft, stopped, 2))).isFalse();
        // a key taken
        assertThatThrownBy(() -> ports.experiments().add(draft, experimentEntry(AuditAction.EXPERIMENT_CREATED, null, draft, 3)))
                .isInstanceOf(DuplicateExperimentException.class);
        // no override to remove, and an override put in place of one that is not the one kept
        DeviceOverride nobodys = new DeviceOverride(draft.key(), DeviceToken.of("nobody"), "33.33%", NOW);
        assertThat(ports.experiments().removeOverride(nobodys, new AuditEntry(NOW, ALICE, AuditAction.OVERRIDE_REMOVED,
                Optional.of(draft.key()), Optional.of(Snapshots.of(nobodys)), Optional.empty()))).isFalse();
        DeviceOverride later = new DeviceOverride(draft.key(), DeviceToken.of("nobody"), "b", NOW.plusSeconds(1));
        assertThat(ports.experiments().putOverride(Optional.of(nobodys), later, new AuditEntry(later.createdAt(), ALICE,
                AuditAction.OVERRIDE_SET, Optional.of(draft.key()), Optional.of(Snapshots.of(nobodys)),
                Optional.of(Snapshots.of(later))))).isFalse();
        assertThat(ports.experiments().overrides()).isEmpty();
        // revoked already, and no such token
        ports.tokens().revoke(token.id(), NOW.plusSeconds(9), tokenEntry(AuditAction.TOKEN_REVOKED, token));
        assertThat(ports.tokens().revoke(new TokenId(UUID.randomUUID()), NOW, tokenEntry(AuditAction.TOKEN_REVOKED, token)))
                .isEmpty();

        assertThat(ports.log().read(AuditQuery.all(), 100)).hasSize((int) before);
    }

    @Test
    void the_trail_is_read_by_experiment_by_period_and_without_the_tokens() {
        Experiment first = draft("first");
        Experiment second = draft("second");
        PersonalToken token = token("bob");
        ports.experiments().add(first, experimentEntry(AuditAction.EXPERIMENT_CREATED, null, first, 0));
        ports.tokens().add(token, tokenEntry(AuditAction.TOKEN_CREATED, token));
        ports.experiments().add(second, experimentEntry(AuditAction.EXPERIMENT_CREATED, null, second, 10));
        Experiment firstStarted = first.withLifecycle(first.lifecycle().startedAt(NOW.plusSeconds(20), null));
        ports.experiments().replace(first, firstStarted, experimentEntry(AuditAction.EXPERIMENT_STARTED, first, firstStarted, 20));

        assertThat(actions(AuditQuery.of(first.key()))).containsExactly("first created", "first started");
        assertThat(actions(AuditQuery.all().withoutTokens()))
                .containsExactly("first created", "second created", "first started");
        assertThat(actions(new AuditQuery(Optional.empty(), Optional.of(NOW.plusSeconds(10)),
                Optional.of(NOW.plusSeconds(20)), 0, 100, true)))
                .as("[from, to): the end is left out").containsExactly("second created");
        assertThat(actions(AuditQuery.all())).containsExactly("first created", "token created", "second created",
                "first started");
    }

    @Test
    void pages_follow_one_another_by_position() {
        List<Experiment> experiments = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Experiment experiment = draft("e" + i);
            ports.experiments().add(experiment, experimentEntry(AuditAction.EXPERIMENT_CREATED, null, experiment, i));
            experiments.add(experiment);
        }
        List<String> keys = new ArrayList<>();
        long after = 0;
        for (List<AuditRecord> page = ports.log().read(AuditQuery.all(), 3); !page.isEmpty();
             page = ports.log().read(AuditQuery.all().after(after), 3)) {
            assertThat(page).hasSizeLessThanOrEqualTo(3);
            page.forEach(record -> keys.add(record.entry().experiment().orElseThrow().value()));
            after = page.get(page.size() - 1).position();
        }
        assertThat(keys).containsExactly("e0", "e1", "e2", "e3", "e4", "e5", "e6");
    }

    /**
     * Writers on several threads (overrides and tokens) while a reader pages on from the last position it saw: it must end with
     * every entry once, in position order, none skipped because a later position was visible before an
     * earlier one committed.
     */
    @Test
    void a_reader_paging_while_changes_are_made_neither_skips_nor_repeats() throws Exception {
        Experiment draft = draft("checkout");
        ports.experiments().add(draft, experimentEntry(AuditAction.EXPERIMENT_CREATED, null, draft, 0));
        int writers = 4;
        int each = 25;
        ExecutorService threads = Executors.newFixedThreadPool(writers + 1);
        try {
            AtomicBoolean writing = new AtomicBoolean(true);
            Future<List<AuditRecord>> reader = threads.submit(() -> {
                List<AuditRecord> seen = new ArrayList<>();
                long after = 0;
                boolean last = false;
                while (!last) {
                    last = !writing.get(); // one more read after the writers have ended
                    List<AuditRecord> page = ports.log().read(AuditQuery.all().after(after), 7);
                    seen.addAll(page);
                    if (!page.isEmpty()) {
                        after = page.get(page.size() - 1).position();
                        last = false; // read on until a page comes back empty once the writers are done
                    }
                }
                return seen;
            });
            List<Future<?>> done = new ArrayList<>();
            for (int writer = 0; writer < writers; writer++) {
                int w = writer;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        if (i % 2 == 0) {
                            DeviceOverride override = new DeviceOverride(draft.key(), DeviceToken.of("qa-" + w + "-" + i),
                                    "33.33%", NOW.plusSeconds(i));
                            ports.experiments().putOverride(Optional.empty(), override, new AuditEntry(override.createdAt(),
                                    ALICE, AuditAction.OVERRIDE_SET, Optional.of(draft.key()), Optional.empty(),
                                    Optional.of(Snapshots.of(override))));
                        } else {
                            // tokens take no catalog lock: only the trail's own order keeps them in line
                            PersonalToken token = token("qa-" + w + "-" + i);
                            ports.tokens().add(token, tokenEntry(AuditAction.TOKEN_CREATED, token));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> writer : done) {
                writer.get();
            }
            writing.set(false);
            List<AuditRecord> seen = reader.get();
            List<AuditRecord> stored = ports.log().read(AuditQuery.all(), 1000);
            assertThat(stored).hasSize(1 + writers * each);
            assertThat(seen).containsExactlyElementsOf(stored);
            assertThat(stored).extracting(AuditRecord::position).isSorted().doesNotHaveDuplicates();
            assertThat(stored.stream().skip(1).map(record -> record.entry().after().orElseThrow().members())
                    .map(after -> after.getOrDefault("deviceToken", after.get("name")))).doesNotHaveDuplicates();
        } finally {
            threads.shutdownNow();
        }
    }

    private List<String> actions(AuditQuery query) {
        return ports.log().read(query, 100).stream().map(AuditRecord::entry)
                .map(entry -> entry.experiment().map(ExperimentKey::value).orElse("token") + " "
                        + entry.action().wireName().substring(entry.action().wireName().indexOf('.') + 1))
                .toList();
    }

    /** An experiment with every kind of member a snapshot has: decimals, nulls, lists, nested members. */
    private static Experiment draft(String key) {
        return new Experiment(ExperimentKey.of(key), List.of(Option.of("33.33%", "33.33"), Option.of("b", "66.67")),
                new Audience(List.of(Platform.IOS), AppVersion.of("3.1.0"), null, List.of(LocaleTag.of("ru-RU")),
                        List.of(CountryCode.of("RU")), true),
                CoveragePlan.of(Coverage.percent("12.5")),
                new Lifecycle(ExperimentStatus.DRAFT, null, NOW.plus(Duration.ofDays(30)), null, EndAction.CLOSE),
                NOW, 42L);
    }

    private static AuditEntry experimentEntry(AuditAction action, Experiment before, Experiment after, int second) {
        return AuditEntry.ofExperiment(NOW.plusSeconds(second), ALICE, action, Optional.ofNullable(before), after);
    }

    private static AuditEntry tokenEntry(AuditAction action, PersonalToken token) {
        return new AuditEntry(NOW.plusSeconds(1), ALICE, action, Optional.empty(),
                action == AuditAction.TOKEN_CREATED ? Optional.empty() : Optional.of(Snapshots.of(token)),
                Optional.of(Snapshots.of(token)));
    }

    private static PersonalToken token(String name) {
        return new PersonalToken(new TokenId(UUID.randomUUID()), TokenName.of(name), Role.ANALYST, NOW,
                Optional.of(NOW.plus(Duration.ofDays(90))), Optional.empty(), Optional.empty(), TokenDigest.of(name));
    }
}
