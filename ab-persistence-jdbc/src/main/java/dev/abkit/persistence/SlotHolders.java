package dev.abkit.persistence;

import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ExperimentKey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who holds the slots of an experiment, per option: the counters every registration adds to, and the
 * few excluded (overridden) devices that results take out of them at read time (R9) rather than
 * re-aggregating anything when an override is added.
 */
final class SlotHolders {

    /** An excluded device that holds {@code value} of the experiment since {@code firstSeen}. */
    record Holder(String token, String value, Instant firstSeen) {

        boolean assignedBefore(Optional<Instant> to) {
            return to.isEmpty() || firstSeen.isBefore(to.get());
        }
    }

    private SlotHolders() {
    }

    /** Devices per option of {@code experiment}, every device with a value counted (options without any absent). */
    static Map<String, Long> perOption(Connection connection, ExperimentKey experiment) throws SQLException {
        Map<String, Long> devices = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select option_value, sum(devices) from option_count where experiment_key = ? group by option_value")) {
            select.setString(1, experiment.value());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    devices.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return devices;
    }

    /** Those of {@code excluded} that hold an option of {@code experiment}. */
    static List<Holder> excluded(Connection connection, ExperimentKey experiment, Set<DeviceToken> excluded)
            throws SQLException {
        List<Holder> holders = new ArrayList<>();
        if (excluded.isEmpty()) {
            return holders;
        }
        List<String> tokens = excluded.stream().map(DeviceToken::value).toList();
        try (PreparedStatement select = connection.prepareStatement("""
                select a.device_token, a.option_value, d.first_seen
                from assignment a join device d on d.token = a.device_token
                where a.experiment_key = ? and a.option_value is not null and a.device_token in (%s)"""
                .formatted(String.join(", ", Collections.nCopies(tokens.size(), "?"))))) {
            select.setString(1, experiment.value());
            for (int i = 0; i < tokens.size(); i++) {
                select.setString(i + 2, tokens.get(i));
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    holders.add(new Holder(rows.getString(1), rows.getString(2), Timestamps.instant(rows, "first_seen")));
                }
            }
        }
        return holders;
    }

    /** The first exposure to {@code experiment} of each of {@code holders} exposed to it, by token. */
    static Map<String, Instant> exposed(Connection connection, ExperimentKey experiment, List<Holder> holders)
            throws SQLException {
        Map<String, Instant> exposed = new HashMap<>();
        if (holders.isEmpty()) {
            return exposed;
        }
        try (PreparedStatement select = connection.prepareStatement(
                "select device_token, first_at from exposure where experiment_key = ? and device_token in (%s)"
                        .formatted(String.join(", ", Collections.nCopies(holders.size(), "?"))))) {
            select.setString(1, experiment.value());
            for (int i = 0; i < holders.size(); i++) {
                select.setString(i + 2, holders.get(i).token());
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    exposed.put(rows.getString("device_token"), Timestamps.instant(rows, "first_at"));
                }
            }
        }
        return exposed;
    }
}
