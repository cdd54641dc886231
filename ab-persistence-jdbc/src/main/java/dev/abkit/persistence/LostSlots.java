package dev.abkit.persistence;

import dev.abkit.core.error.StorageFailureException;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the slots that registrations took from an experiment's sequence and never stored, and
 * hands them out again (R3 after failures: rollbacks, killed servers, a database crash that moved
 * the sequences on). A slot is lost when its experiment's sequence handed it out, no assignment holds it, and no registration that could still store it is in flight.
 *
 * <p>{@link #check()} runs every second or so on each server instance and takes no lock: it asks
 * whether the slots since the last complete check are all stored. A gap is normal while the
 * registrations that hold it are in flight, for milliseconds; a gap still open at the next check
 * is almost surely lost, and {@link #recover()} then makes sure under the catalog lock, which waits
 * for every registration in flight on any instance: what is still missing then is lost, and goes
 * to {@code free_slot}, where the next registrations take it before new slots.
 * How long a lost slot waits, and why: docs/decisions/0005-exact-slots-and-one-running-set.md.
 */
final class LostSlots {

    private final Database database;
    private final ExperimentCatalog catalog;
    private final SlotSequences sequences;
    private final FreeSlots freeSlots;
    /** Per experiment, the highest stored slot of the last check that found a gap below it. */
    private final Map<ExperimentKey, Long> gapBelow = new ConcurrentHashMap<>();

    LostSlots(Database database, ExperimentCatalog catalog, SlotSequences sequences, FreeSlots freeSlots) {
        this.database = database;
        this.catalog = catalog;
        this.sequences = sequences;
        this.freeSlots = freeSlots;
    }

    /** Looks for gaps without any lock, and recovers when one has stayed open since the last check. */
    void check() {
        boolean lasting = database.autoCommitted("look for lost slots", connection -> {
            freeSlots.waitIn(experimentsWithFreeSlots(connection));
            boolean found = false;
            for (Experiment experiment : catalog.running(connection).enrolling()) {
                found |= stillOpen(connection, experiment.key());
            }
            return found;
        });
        if (lasting) {
            recover();
        }
    }

    /**
     * Every slot below the sequence's next value was handed out: stored, in flight, or lost.
     *
     * @return whether a gap seen at the last check is still open
     */
    private boolean stillOpen(Connection connection, ExperimentKey experiment) throws SQLException {
        long below = checkedBelow(connection, experiment);
        long next = sequences.next(connection, database.kind(), experiment);
        Long earlierTop = gapBelow.remove(experiment);
        if (allStored(connection, experiment, below, next)) {
            advance(connection, experiment, next);
            return false;
        }
        gapBelow.put(experiment, next);
        if (earlierTop == null) {
            return false;
        }
        if (allStored(connection, experiment, below, earlierTop)) {
            advance(connection, experiment, earlierTop); // the earlier gap was registrations in flight
            return false;
        }
        return true;
    }

    /**
     * Under the catalog lock, which no registration holds meanwhile, puts every slot that the
     * sequences handed out and no assignment holds into {@code free_slot}.
     */
    void recover() {
        List<ExperimentKey> withLostSlots = database.inTransaction("hand out lost slots again", connection -> {
            Script lock = new Script();
            lock.run(database.kind().lockCatalogForChange());
            lock.runOn(connection, database.kind());
            List<ExperimentKey> found = new ArrayList<>();
            for (Experiment experiment : catalog.running(connection).enrolling()) {
                if (recover(connection, experiment.key())) {
                    found.add(experiment.key());
                }
            }
            return found;
        });
        withLostSlots.forEach(gapBelow::remove);
        freeSlots.waitIn(withLostSlots);
    }

    private boolean recover(Connection connection, ExperimentKey experiment) throws SQLException {
        long below = checkedBelow(connection, experiment);
        long next = sequences.next(connection, database.kind(), experiment);
        Set<Long> waiting = new HashSet<>(slots(connection,
                "select slot from free_slot where experiment_key = ? and slot >= ?", experiment, below));
        List<Long> lost = new ArrayList<>();
        for (long[] gap : gaps(connection, experiment, below, next)) {
            for (long slot = gap[0]; slot <= gap[1]; slot++) {
                if (!waiting.contains(slot)) {
                    lost.add(slot);
                }
            }
        }
        if (!lost.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into free_slot (experiment_key, slot) values (?, ?)")) {
                for (long slot : lost) {
                    insert.setString(1, experiment.value());
                    insert.setLong(2, slot);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        advance(connection, experiment, next);
        return !lost.isEmpty();
    }

    /**
     * The runs of slots from {@code from} up to, not including, {@code to} that no assignment holds, as
     * {first, last} pairs. The database finds them, so that a check after a million registrations (a bulk
     * load, a long outage of the checks) reads a few rows, not a million slots into the server's heap: each
     * stored slot is paired with the one before it, between two bounds that stand for stored slots.
     */
    private static List<long[]> gaps(Connection connection, ExperimentKey experiment, long from, long to)
            throws SQLException {
        List<long[]> gaps = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                select previous + 1, slot - 1 from (
                  select slot, lag(slot) over (order by slot) as previous from (
                    select slot from assignment where experiment_key = ? and slot >= ? and slot < ?
                    union all select cast(? as bigint)
                    union all select cast(? as bigint)) bounded) paired
                where slot - previous > 1""")) {
            select.setString(1, experiment.value());
            select.setLong(2, from);
            select.setLong(3, to);
            select.setLong(4, from - 1);
            select.setLong(5, to);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    gaps.add(new long[] {rows.getLong(1), rows.getLong(2)});
                }
            }
        }
        return gaps;
    }

    private static Set<ExperimentKey> experimentsWithFreeSlots(Connection connection) throws SQLException {
        Set<ExperimentKey> experiments = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement("select distinct experiment_key from free_slot");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                experiments.add(ExperimentKey.of(rows.getString(1)));
            }
        }
        return experiments;
    }

    /** The mark below which every slot of {@code experiment} is stored or waits in free_slot (also read by results). */
    static long checkedBelow(Connection connection, ExperimentKey experiment) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select checked_below from slot_check where experiment_key = ?")) {
            select.setString(1, experiment.value());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new StorageFailureException("experiment " + experiment + " has no slot_check row; the schema is damaged");
                }
                return row.getLong(1);
            }
        }
    }

    /** Never moves back: instances that check at the same time may write in any order. */
    private static void advance(Connection connection, ExperimentKey experiment, long below) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "update slot_check set checked_below = ? where experiment_key = ? and checked_below < ?")) {
            update.setLong(1, below);
            update.setString(2, experiment.value());
            update.setLong(3, below);
            update.executeUpdate();
        }
    }

    /** Whether assignments hold every slot from {@code from} up to, not including, {@code to}. */
    private static boolean allStored(Connection connection, ExperimentKey experiment, long from, long to)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select count(*) from assignment where experiment_key = ? and slot >= ? and slot < ?")) {
            select.setString(1, experiment.value());
            select.setLong(2, from);
            select.setLong(3, to);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1) == to - from;
            }
        }
    }

    private static List<Long> slots(Connection connection, String sql, ExperimentKey experiment, long from)
            throws SQLException {
        List<Long> slots = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, experiment.value());
            select.setLong(2, from);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    slots.add(rows.getLong(1));
                }
            }
        }
        return slots;
    }
}
