package dev.abkit.persistence;

import dev.abkit.core.event.Event;
import dev.abkit.core.model.Device;
import dev.abkit.core.port.out.EventStore;
import dev.abkit.core.testing.TickingClock;
import dev.abkit.persistence.TestStore.Kind;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static dev.abkit.persistence.EventStoreFixture.batch;
import static dev.abkit.persistence.EventStoreFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Raw events and their ids are kept for the retention, in whole days of receipt: on PostgreSQL the days
 * ahead get partitions of their own, an event that came before its day's partition moves into it, and a
 * day past the retention is dropped whole; on H2 the expired rows go. Within the retention an id is
 * still a duplicate; after it, forgotten.
 */
class EventRetentionTest {

    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void events_are_kept_for_the_retention_in_whole_days_and_their_ids_with_them(Kind kind) throws SQLException {
        TickingClock clock = new TickingClock(START);
        EventRetention retention = new EventRetention(Duration.ofDays(10), clock);
        try (TestStore store = TestStore.open(kind, directory);
             Instance instance = Instance.start(store.url(), store.user(), pool -> { }, pool -> pool, retention)) {
            store.execute("update event_log set started_at = timestamp with time zone '2026-03-01 00:00:00+00'");
            EventStore events = instance.storage().eventStore();
            Device device = new EventStoreFixture(instance).register("keeper");
            Event first = event(device, "first", "open", clock.instant().minusSeconds(60), null);

            assertThat(events.store(device, batch(first))).isZero(); // before any partition: the default one
            instance.storage().maintainEvents();
            if (kind == Kind.POSTGRESQL) {
                assertThat(partitions(store)).containsExactlyElementsOf(days(LocalDate.parse("2026-03-01"), 8));
                assertThat(store.count("select count(*) from event_20260301")).isEqualTo(1);
                assertThat(store.count("select count(*) from event_default")).isZero();
            }

            clock.advance(Duration.ofDays(5));
            Event second = event(device, "second", "open", clock.instant(), null);
            assertThat(events.store(device, batch(second))).isZero();
            assertThat(events.store(device, batch(first, second))).as("both within the retention").isEqualTo(2);

            clock.advance(Duration.ofDays(6)); // 2026-03-12T12:00: the 1st is past 10 days, the 6th is not
            instance.storage().maintainEvents();
            instance.storage().maintainEvents(); // a repeat finds nothing to do
            assertThat(events.eventsKeptSince()).isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
            assertThat(store.count("select count(*) from event")).isEqualTo(1);
            assertThat(store.count("select count(*) from event_key")).isEqualTo(1);
            if (kind == Kind.POSTGRESQL) {
                List<LocalDate> expected = new ArrayList<>(days(LocalDate.parse("2026-03-02"), 7));
                expected.addAll(days(LocalDate.parse("2026-03-12"), 8));
                assertThat(partitions(store)).containsExactlyElementsOf(expected);
            }
            assertThat(events.store(device, batch(first, second))).as("the first is forgotten").isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void a_store_that_began_after_the_retention_cutoff_has_dropped_nothing_and_refuses_no_window(Kind kind)
            throws SQLException {
        TickingClock clock = new TickingClock(START);
        EventRetention retention = new EventRetention(Duration.ofDays(10), clock);
        try (TestStore store = TestStore.open(kind, directory);
             Instance instance = Instance.start(store.url(), store.user(), pool -> { }, pool -> pool, retention)) {
            store.execute("update event_log set started_at = timestamp with time zone '2026-03-01 00:00:00+00'");
            clock.advance(Duration.ofDays(10)); // the cutoff is 2026-03-01T00:00: the log began with it
            instance.storage().maintainEvents();
            assertThat(instance.storage().eventStore().eventsKeptSince())
                    .as("no day before the log began can have held an event").isEqualTo(Instant.MIN);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void a_store_whose_log_began_before_the_cutoff_may_have_dropped_days_and_says_from_when_it_keeps_all(Kind kind)
            throws SQLException {
        TickingClock clock = new TickingClock(START);
        EventRetention retention = new EventRetention(Duration.ofDays(10), clock);
        try (TestStore store = TestStore.open(kind, directory);
             Instance instance = Instance.start(store.url(), store.user(), pool -> { }, pool -> pool, retention)) {
            store.execute("update event_log set started_at = timestamp with time zone '2026-02-28 23:59:59+00'");
            clock.advance(Duration.ofDays(10));
            assertThat(instance.storage().eventStore().eventsKeptSince()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
        }
    }

    private static List<LocalDate> days(LocalDate first, int count) {
        return first.datesUntil(first.plusDays(count)).toList();
    }

    private static List<LocalDate> partitions(TestStore store) throws SQLException {
        try (Connection connection = DriverManager.getConnection(store.url(), store.user(), "")) {
            return EventPartitions.partitions(connection).stream().sorted().toList();
        }
    }
}
