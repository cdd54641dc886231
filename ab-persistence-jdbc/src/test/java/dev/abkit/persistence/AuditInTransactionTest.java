package dev.abkit.persistence;

import dev.abkit.core.audit.Actor;
import dev.abkit.core.audit.AuditAction;
import dev.abkit.core.audit.AuditEntry;
import dev.abkit.core.audit.AuditQuery;
import dev.abkit.core.audit.AuditRecord;
import dev.abkit.core.audit.Snapshots;
import dev.abkit.core.auth.PersonalToken;
import dev.abkit.core.auth.Role;
import dev.abkit.core.auth.TokenDigest;
import dev.abkit.core.auth.TokenId;
import dev.abkit.core.auth.TokenName;
import dev.abkit.core.error.StorageFailureException;
import dev.abkit.core.error.StorageUnavailableException;
import dev.abkit.core.model.DeviceOverride;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.Option;
import dev.abkit.core.model.ShippedExperiments;
import dev.abkit.persistence.TestStore.Kind;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A change and its audit entry commit together or not at all (decision 19), however the transaction ends:
 * the entry's own statement failing after the change (each of the six writes that take an entry), the connection breaking as COMMIT is sent, the
 * COMMIT's reply lost after it took effect.
 */
class AuditInTransactionTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final Experiment PRICE = ShippedExperiments.PRICE;
    /** Longer than the trail keeps (varchar(400)): the entry's INSERT fails, after the change's statements ran. */
    private static final Actor UNWRITABLE = new Actor("x".repeat(401), "editor");

    @TempDir
    Path directory;

    /** Each of the six writes that take an entry: the entry's INSERT fails after the change's statements ran. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void an_entry_that_cannot_be_written_takes_its_change_with_it(Kind kind) {
        try (TestStore store = TestStore.open(kind, directory);
             Instance instance = Instance.start(store.url(), store.user())) {
            JdbcStorage storage = instance.storage();
            DeviceOverride kept = new DeviceOverride(PRICE.key(), DeviceToken.of("qa-phone"), "10", NOW);
            storage.experiments().putOverride(Optional.empty(), kept, overrideEntry(editor(), Optional.empty(), kept));
            PersonalToken bob = token("bob");
            storage.tokens().add(bob, tokenEntry(editor(), AuditAction.TOKEN_CREATED, bob));
            List<AuditRecord> trail = trail(storage);
            long version = storage.experiments().running().version();

            Experiment onboarding = Experiment.start(ExperimentKey.of("onboarding"), List.of(Option.of("a", 1)), NOW, 7L);
            DeviceOverride replacing = new DeviceOverride(PRICE.key(), kept.device(), "50", NOW.plusSeconds(1));
            PersonalToken ann = token("ann");
            List<ThrowingCallable> writes = List.of(
                    () -> storage.experiments().add(onboarding, AuditEntry.ofExperiment(NOW, UNWRITABLE,
                            AuditAction.EXPERIMENT_CREATED, Optional.empty(), onboarding)),
                    () -> storage.experiments().replace(PRICE, PRICE.stopped(), stopped(UNWRITABLE)),
                    () -> storage.experiments().putOverride(Optional.of(kept), replacing,
                            overrideEntry(UNWRITABLE, Optional.of(kept), replacing)),
                    () -> storage.experiments().removeOverride(kept, new AuditEntry(NOW, UNWRITABLE,
                            AuditAction.OVERRIDE_REMOVED, Optional.of(PRICE.key()), Optional.of(Snapshots.of(kept)),
                            Optional.empty())),
                    () -> storage.tokens().add(ann, tokenEntry(UNWRITABLE, AuditAction.TOKEN_CREATED, ann)),
                    () -> storage.tokens().revoke(bob.id(), NOW, tokenEntry(UNWRITABLE, AuditAction.TOKEN_REVOKED, bob)));
            for (ThrowingCallable write : writes) {
                assertThatThrownBy(write).isInstanceOf(StorageFailureException.class);
            }

            assertThat(storage.experiments().find(onboarding.key())).isEmpty();
            assertThat(storage.experiments().find(PRICE.key())).contains(PRICE);
            assertThat(storage.experiments().overrides()).containsExactly(kept);
            assertThat(storage.experiments().running().version()).isEqualTo(version);
            assertThat(storage.tokens().find(ann.id())).isEmpty();
            assertThat(storage.tokens().find(bob.id())).contains(bob);
            assertThat(trail(storage)).isEqualTo(trail).hasSize(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void a_change_cut_off_as_it_commits_leaves_neither(Kind kind) {
        CommitRepliesLost network = new CommitRepliesLost();
        try (TestStore store = TestStore.open(kind, directory);
             Instance instance = Instance.start(store.url(), store.user(), pool -> { }, network::around)) {
            JdbcStorage storage = instance.storage();

            network.cutBeforeNextCommit();
            assertThatThrownBy(() -> storage.experiments().replace(PRICE, PRICE.stopped(), stopped(editor())))
                    .isInstanceOf(StorageUnavailableException.class);

            assertThat(storage.experiments().find(PRICE.key())).contains(PRICE);
            assertThat(trail(storage)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void a_change_whose_commit_reply_was_lost_kept_its_entry_too(Kind kind) {
        CommitRepliesLost network = new CommitRepliesLost();
        try (TestStore store = TestStore.open(kind, directory);
             Instance instance = Instance.start(store.url(), store.user(), pool -> { }, network::around)) {
            JdbcStorage storage = instance.storage();
            AuditEntry entry = stopped(editor());

            network.loseNextReply();
            assertThatThrownBy(() -> storage.experiments().replace(PRICE, PRICE.stopped(), entry))
                    .isInstanceOf(StorageUnavailableException.class);

            assertThat(storage.experiments().find(PRICE.key())).contains(PRICE.stopped());
            assertThat(trail(storage)).extracting(AuditRecord::entry).containsExactly(entry);
        }
    }

    private static List<AuditRecord> trail(JdbcStorage storage) {
        return storage.auditLog().read(AuditQuery.all(), 100);
    }

    private static AuditEntry stopped(Actor actor) {
        return AuditEntry.ofExperiment(NOW, actor, AuditAction.EXPERIMENT_STOPPED, Optional.of(PRICE), PRICE.stopped());
    }

    private static Actor editor() {
        return new Actor("alice", "editor");
    }

    private static PersonalToken token(String name) {
        return new PersonalToken(new TokenId(UUID.randomUUID()), TokenName.of(name), Role.QA, NOW, Optional.empty(),
                Optional.empty(), Optional.empty(), TokenDigest.of(name));
    }

    private static AuditEntry overrideEntry(Actor actor, Optional<DeviceOverride> before, DeviceOverride after) {
        return new AuditEntry(after.createdAt(), actor, AuditAction.OVERRIDE_SET, Optional.of(after.experiment()),
                before.map(Snapshots::of), Optional.of(Snapshots.of(after)));
    }

    private static AuditEntry tokenEntry(Actor actor, AuditAction action, PersonalToken token) {
        return new AuditEntry(NOW, actor, action, Optional.empty(),
                action == AuditAction.TOKEN_CREATED ? Optional.empty() : Optional.of(Snapshots.of(token)),
                Optional.of(Snapshots.of(token)));
    }
}
