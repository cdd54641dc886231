package dev.abkit.persistence;

import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.results.SlotsHandedOut;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An experiment's whole allocation so far, for the exactness half of the sample-ratio check ({@link SlotsHandedOut}):
 * per option the stored devices ({@code option_count}) less the excluded ones among them, and the slots its sequence
 * has handed out less those its stored left-out devices hold ({@code left_out_count}). Read inside the results'
 * snapshot, the sequence last: a sequence is outside every transaction, so it counts at least every slot the
 * snapshot shows stored, and also those of registrations in flight and lost ones, which the check allows for.
 */
final class HandedOutSlots {

    private final SlotSequences sequences;

    HandedOutSlots(SlotSequences sequences) {
        this.sequences = sequences;
    }

    SlotsHandedOut read(Connection connection, DatabaseKind kind, Experiment experiment, Set<DeviceToken> excluded)
            throws SQLException {
        Map<String, Long> counted = new LinkedHashMap<>();
        experiment.options().forEach(option -> counted.put(option.value(), 0L));
        SlotHolders.perOption(connection, experiment.key()).forEach((value, devices) -> counted.merge(value, devices, Long::sum));
        SlotHolders.excluded(connection, experiment.key(), excluded)
                .forEach(holder -> counted.merge(holder.value(), -1L, Long::sum));
        long leftOut;
        try (PreparedStatement select = connection.prepareStatement(
                "select coalesce(sum(devices), 0) from left_out_count where experiment_key = ?")) {
            select.setString(1, experiment.key().value());
            try (ResultSet row = select.executeQuery()) {
                row.next();
                leftOut = row.getLong(1);
            }
        }
        return new SlotsHandedOut(counted, sequences.next(connection, kind, experiment.key()) - leftOut);
    }
}
