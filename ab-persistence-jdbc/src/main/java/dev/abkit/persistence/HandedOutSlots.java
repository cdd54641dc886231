package dev.abkit.persistence;

import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.results.SlotsHandedOut;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An experiment's whole allocation so far, for the exactness half of the sample-ratio check ({@link SlotsHandedOut}):
 * per option the stored devices ({@code option_count}) less the excluded ones among them; and the slots known to be
 * hidden: the excluded devices', the lost ones waiting in {@code free_slot}, and those of its sequence from the
 * lost-slot check's mark ({@code slot_check.checked_below}, below which every slot is stored or waiting, decision 5)
 * that no assignment holds: registrations in flight, or lost and not found yet. Below the mark the counters
 * ({@code option_count}, {@code left_out_count}) must account for every slot not waiting: the difference is
 * {@code unaccounted}, a loss (or a device counted twice), which the check reports.
 *
 * <p>Read inside the results' snapshot, the sequence last: a sequence is outside every transaction, so it counts at
 * least every slot the snapshot shows stored. Slots left out by coverage from the mark on count as hidden too (the
 * store cannot tell them from enrolled ones in flight), which only loosens the check by those few.
 */
final class HandedOutSlots {

    private final SlotSequences sequences;

    HandedOutSlots(SlotSequences sequences) {
        this.sequences = sequences;
    }

    SlotsHandedOut read(Connection connection, DatabaseKind kind, Experiment experiment, Set<DeviceToken> excluded)
            throws SQLException {
        ExperimentKey key = experiment.key();
        Map<String, Long> counted = new LinkedHashMap<>();
        experiment.options().forEach(option -> counted.put(option.value(), 0L));
        SlotHolders.perOption(connection, key).forEach((value, devices) -> counted.merge(value, devices, Long::sum));
        long stored = counted.values().stream().mapToLong(Long::longValue).sum()
                + number(connection, "select coalesce(sum(devices), 0) from left_out_count where experiment_key = ?", key);
        List<SlotHolders.Holder> holders = SlotHolders.excluded(connection, key, excluded);
        holders.forEach(holder -> counted.merge(holder.value(), -1L, Long::sum));
        long waiting = number(connection, "select count(*) from free_slot where experiment_key = ?", key);
        long mark = LostSlots.checkedBelow(connection, key);
        long storedFromMark;
        try (PreparedStatement select = connection.prepareStatement(
                "select count(*) from assignment where experiment_key = ? and slot >= ?")) {
            select.setString(1, key.value());
            select.setLong(2, mark);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                storedFromMark = row.getLong(1);
            }
        }
        long unstoredFromMark = sequences.next(connection, kind, key) - mark - storedFromMark;
        // Below the mark every slot is stored or waiting (decision 5): what the counters do not account for there
        // was lost, or counted twice when negative. From the mark on, a slot not stored may be in flight: hidden.
        long unaccounted = mark - waiting - (stored - storedFromMark);
        return new SlotsHandedOut(counted, holders.size() + waiting + Math.max(0, unstoredFromMark),
                unaccounted + Math.min(0, unstoredFromMark));
    }

    private static long number(Connection connection, String sql, ExperimentKey experiment) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, experiment.value());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        }
    }
}
