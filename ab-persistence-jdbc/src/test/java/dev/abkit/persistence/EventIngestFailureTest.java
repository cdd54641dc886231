package dev.abkit.persistence;

import dev.abkit.core.error.StorageUnavailableException;
import dev.abkit.core.event.EventBatch;
import dev.abkit.core.event.MetricName;
import dev.abkit.core.model.Device;
import dev.abkit.core.model.ShippedExperiments;
import dev.abkit.core.port.out.EventStore;
import dev.abkit.core.port.out.EventStore.OptionFigures;
import dev.abkit.core.port.out.EventStore.ResultsScope;
import dev.abkit.persistence.TestStore.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import static dev.abkit.persistence.EventStoreFixture.batch;
import static dev.abkit.persistence.EventStoreFixture.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A batch is all or nothing: an outage in the middle of one stores none of it and says "try again later";
 * a commit whose reply was lost stored all of it, and the retry stores nothing twice.
 */
class EventIngestFailureTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void a_retry_after_a_lost_commit_reply_stores_nothing_twice(Kind kind) {
        CommitRepliesLost network = new CommitRepliesLost();
        try (TestStore store = TestStore.open(kind, directory);
             Instance instance = Instance.start(store.url(), store.user(), pool -> { }, network::around)) {
            EventStore events = instance.storage().eventStore();
            Device device = new EventStoreFixture(instance).register("unlucky");
            EventBatch sent = purchases(device);

            network.loseNextReply();
            assertThatThrownBy(() -> events.store(device, sent)).isInstanceOf(StorageUnavailableException.class);
            assertThat(events.store(device, sent)).isEqualTo(2);

            assertThat(store.count("select count(*) from event")).isEqualTo(2);
            assertThat(purchasesOf(events, device)).isEqualTo(new OptionFigures(1, 0, 1, 5.0, 25.0));
        }
    }

    @Test
    void an_outage_in_the_middle_of_a_batch_stores_none_of_it() {
        PostgresServer server = PostgresServer.fromEnvironment();
        String database = server.createDatabase();
        // Prepared alone, or in the script that also locks the device and reads its exposures.
        BeforeStatement rawRows = new BeforeStatement("insert into event (");
        try (Instance instance = Instance.start(server.urlOf(database), server.user(), pool -> { }, rawRows::around)) {
            EventStore events = instance.storage().eventStore();
            Device device = new EventStoreFixture(instance).register("cut-off");
            EventBatch sent = purchases(device);

            rawRows.arm(() -> server.cutOff(database)); // the ids are in, the raw rows and counters not yet
            assertThatThrownBy(() -> events.store(device, sent)).isInstanceOf(StorageUnavailableException.class);
            server.reconnect(database);

            assertThat(retriedAsAClientWould(events, device, sent)).as("none of it was stored").isZero();
            assertThat(purchasesOf(events, device)).isEqualTo(new OptionFigures(1, 0, 1, 5.0, 25.0));
        } finally {
            server.dropDatabase(database);
        }
    }

    /** Until the pool has replaced the connections the outage ended, as a client retries after a 503. */
    private static int retriedAsAClientWould(EventStore events, Device device, EventBatch batch) {
        for (int attempt = 1; ; attempt++) {
            try {
                return events.store(device, batch);
            } catch (StorageUnavailableException stale) {
                if (attempt > 10) { // more than the pool's connections: not a stale one
                    throw stale;
                }
            }
        }
    }

    private static EventBatch purchases(Device device) {
        Instant at = device.firstSeen().plusSeconds(1);
        return batch(event(device, "a", "purchase", at, 2.0), event(device, "b", "purchase", at, 3.0));
    }

    private static OptionFigures purchasesOf(EventStore events, Device device) {
        return events.figures(new ResultsScope(ShippedExperiments.BUTTON_COLOR, MetricName.of("purchase"),
                        Optional.empty(), Optional.empty(), false, Set.of()))
                .options().get(device.valueIn(ShippedExperiments.BUTTON_COLOR.key()).orElseThrow());
    }
}
