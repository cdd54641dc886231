package dev.abkit.persistence;

import dev.abkit.core.error.StorageUnavailableException;
import dev.abkit.core.model.Device;
import dev.abkit.core.port.out.EventStore;
import dev.abkit.core.testing.TickingClock;
import dev.abkit.persistence.TestStore.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static dev.abkit.persistence.EventStoreFixture.batch;
import static dev.abkit.persistence.EventStoreFixture.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Today's partition attached while today's events arrive (after a week without upkeep, they went to the
 * default partition): a batch that reached the default partition while the attach held it used to fail its
 * new constraint when the attach committed, and answer 500. The upkeep now holds inserts back until it
 * commits, and the batch then goes to the new partition. The test makes the attach wait (a lock of its own on
 * the default partition) until a batch is waiting too, then lets both go.
 */
class EventPartitionRaceTest {

    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path directory;

    @Test
    void a_batch_that_arrives_while_its_days_partition_is_attached_is_stored_in_that_partition() throws Exception {
        TickingClock clock = new TickingClock(START);
        EventRetention retention = new EventRetention(EventRetention.DEFAULT, clock);
        try (TestStore store = TestStore.open(Kind.POSTGRESQL, directory);
             Instance instance = Instance.start(store.url(), store.user(), pool -> { }, pool -> pool, retention)) {
            Device device = new EventStoreFixture(instance).register("racer");
            instance.storage().eventStore().store(device, batch(event(device, "before", "open", START, null)));
            assertThat(store.count("select count(*) from event_default")).as("no partition for the day yet").isEqualTo(1);

            ExecutorService both = Executors.newFixedThreadPool(2); // each blocks on a lock; not the common pool
            try (Connection holder = DriverManager.getConnection(store.url(), store.user(), "");
                 Statement hold = holder.createStatement()) {
                holder.setAutoCommit(false);
                hold.execute("lock table event_default in access share mode"); // the attach needs it exclusively
                CompletableFuture<Void> upkeep = CompletableFuture.runAsync(instance.storage()::maintainEvents, both);
                waitForLockWaits(store, 1);
                CompletableFuture<Integer> arriving = CompletableFuture.supplyAsync(() -> instance.storage().eventStore()
                        .store(device, batch(event(device, "during", "open", START, null))), both);
                waitForLockWaits(store, 2);
                holder.rollback();
                upkeep.get(20, TimeUnit.SECONDS);
                assertThat(arriving.get(20, TimeUnit.SECONDS)).as("duplicates").isZero();
            } finally {
                both.shutdownNow();
            }

            assertThat(store.count("select count(*) from event_20260301")).isEqualTo(2);
            assertThat(store.count("select count(*) from event_default")).isZero();
        }
    }

    /**
     * As production runs it, with a lock timeout of 1 s: an analyst's scan holds the default partition for longer
     * than that, so the attach cannot happen. The upkeep gives up at its lock timeout (503 to its schedule, which
     * tries again), and the batch it held back is answered within a bounded time: stored, or a 503 whose retry
     * stores it once. Once the scan ends, the next upkeep moves today's events into their partition.
     */
    @Test
    void an_attach_that_cannot_happen_holds_batches_no_longer_than_the_lock_timeout_and_loses_none() throws Exception {
        TickingClock clock = new TickingClock(START);
        EventRetention retention = new EventRetention(EventRetention.DEFAULT, clock);
        try (TestStore store = TestStore.open(Kind.POSTGRESQL, directory);
             Instance instance = Instance.start(store.url(), store.user(),
                     pool -> pool.setConnectionInitSql("set lock_timeout = '1s'"), pool -> pool, retention)) {
            Device device = new EventStoreFixture(instance).register("held");
            EventStore events = instance.storage().eventStore();
            events.store(device, batch(event(device, "before", "open", START, null)));

            ExecutorService both = Executors.newFixedThreadPool(2);
            try (Connection scan = DriverManager.getConnection(store.url(), store.user(), "");
                 Statement reading = scan.createStatement()) {
                scan.setAutoCommit(false);
                reading.execute("lock table event_default in access share mode"); // as a long scan holds it
                CompletableFuture<Void> upkeep = CompletableFuture.runAsync(instance.storage()::maintainEvents, both);
                waitForLockWaits(store, 1);
                long sent = System.nanoTime();
                CompletableFuture<Integer> arriving = CompletableFuture.supplyAsync(
                        () -> events.store(device, batch(event(device, "during", "open", START, null))), both);

                assertThatThrownBy(() -> upkeep.get(20, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(StorageUnavailableException.class);
                try {
                    assertThat(arriving.get(20, TimeUnit.SECONDS)).as("duplicates").isZero();
                } catch (ExecutionException refused) {
                    assertThat(refused).hasCauseInstanceOf(StorageUnavailableException.class);
                    assertThat(events.store(device, batch(event(device, "during", "open", START, null))))
                            .as("the retry's duplicates").isZero();
                }
                assertThat(Duration.ofNanos(System.nanoTime() - sent)).as("held back for").isLessThan(Duration.ofSeconds(5));
                scan.rollback();
            } finally {
                both.shutdownNow();
            }

            assertThat(store.count("select count(*) from event where event_id = 'during'")).isEqualTo(1);
            instance.storage().maintainEvents();
            assertThat(store.count("select count(*) from event_20260301")).isEqualTo(2);
            assertThat(store.count("select count(*) from event_default")).isZero();
        }
    }

    /** Until {@code waiting} backends of the test's database wait for a lock (the upkeep, then the batch). */
    private static void waitForLockWaits(TestStore store, int waiting) throws SQLException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (store.count("select count(*) from pg_stat_activity where datname = current_database()"
                + " and wait_event_type = 'Lock'") < waiting) {
            assertThat(System.nanoTime()).as("%d backends waiting for a lock within 20 s", waiting).isLessThan(deadline);
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }
}
