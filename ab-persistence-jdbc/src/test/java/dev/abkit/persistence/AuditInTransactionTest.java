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
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ShippedExperiments;
import dev.abkit.persistence.TestStore.Kind;
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
 * the entry's own statement failing after the change, the connection breaking as COMMIT is sent, the
 * COMMIT's reply lost after it took effect.
 */
class AuditInTransactionTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final Experiment PRICE = ShippedExperiments.PRICE;
    /** Longer than the trail keeps (varchar(400)): the entry's INSERT fails, after the change's statements ran. */
    private static final Actor UNWRITABLE = new Actor("x".repeat(401), "editor");

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void an_entry_that_cannot_be_written_takes_its_change_with_it(Kind kind) {
        try (TestStore store = TestStore.open(kind, directory);
             Instance instance = Instance.start(store.url(), store.user())) {
            JdbcStorage storage = instance.storage();
            long version = storage.experiments().running().version();

            assertThatThrownBy(() -> storage.experiments().replace(PRICE, PRICE.stopped(), stopped(UNWRITABLE)))
                    .isInstanceOf(StorageFailureException.class);
            PersonalToken token = token();
            assertThatThrownBy(() -> storage.tokens().add(token, new AuditEntry(NOW, UNWRITABLE,
                    AuditAction.TOKEN_CREATED, Optional.empty(), Optional.empty(), Optional.of(Snapshots.of(token)))))
                    .isInstanceOf(StorageFailureException.class);

            assertThat(storage.experiments().find(PRICE.key())).contains(PRICE);
            assertThat(storage.experiments().running().version()).isEqualTo(version);
            assertThat(storage.tokens().find(token.id())).isEmpty();
            assertThat(trail(storage)).isEmpty();
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

    private static PersonalToken token() {
        return new PersonalToken(new TokenId(UUID.randomUUID()), TokenName.of("bob"), Role.QA, NOW, Optional.empty(),
                Optional.empty(), Optional.empty(), TokenDigest.of("bob"));
    }
}
