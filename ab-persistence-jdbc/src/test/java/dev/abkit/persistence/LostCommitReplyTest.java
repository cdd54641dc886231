package dev.abkit.persistence;

import dev.abkit.core.contract.StoragePorts;
import dev.abkit.core.error.StorageUnavailableException;
import dev.abkit.core.model.Assignment;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.Option;
import dev.abkit.core.service.DeviceEnrollmentService;
import dev.abkit.persistence.TestStore.Kind;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static dev.abkit.core.audit.TestAudit.audited;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A create whose COMMIT took effect but whose reply was lost: the caller is told to retry later,
 * and the experiment that was in fact stored works, on this instance and on any other. (The first
 * version dropped the new experiment's slot sequence on any failure, and every new device then
 * failed on every instance.)
 */
class LostCommitReplyTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void an_experiment_whose_commit_reply_was_lost_is_stored_whole_and_enrolls_new_devices(Kind kind) {
        Experiment onboarding = Experiment.start(ExperimentKey.of("onboarding"),
                List.of(Option.of("short", 50), Option.of("long", 50)), NOW, 7L);
        CommitRepliesLost network = new CommitRepliesLost();
        try (TestStore store = TestStore.open(kind, directory);
             Instance instance = Instance.start(store.url(), store.user(), pool -> { }, network::around)) {
            StoragePorts ports = instance.ports();

            network.loseNextReply();
            assertThatThrownBy(() -> audited(ports.experiments()).add(onboarding))
                    .isInstanceOf(StorageUnavailableException.class);

            assertThat(ports.experiments().find(onboarding.key())).contains(onboarding);
            DeviceEnrollmentService service = new DeviceEnrollmentService(ports.experiments(), ports.devices(),
                    Clock.systemUTC());
            for (int i = 0; i < 4; i++) {
                assertThat(service.experimentsFor(DeviceToken.of("after-" + i)))
                        .extracting(Assignment::experiment).contains(onboarding.key());
            }
            assertThat(store.count("select count(*) from assignment where experiment_key = 'onboarding'")).isEqualTo(4);
        }
    }
}
