package dev.abkit.persistence;

import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.port.out.EnrollmentCounts;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Statistics read from the striped counters that every registration adds to: a few hundred small
 * rows whatever the number of devices, so the answer stays fast at millions of devices
 * (docs/performance.md, "Statistics at scale").
 */
final class JdbcEnrollmentCounts implements EnrollmentCounts {

    private final Database database;

    JdbcEnrollmentCounts(Database database) {
        this.database = database;
    }

    @Override
    public long registeredDevices() {
        return database.autoCommitted("count devices", connection -> {
            try (PreparedStatement sum = connection.prepareStatement("select coalesce(sum(devices), 0) from device_count");
                 ResultSet total = sum.executeQuery()) {
                total.next();
                return total.getLong(1);
            }
        });
    }

    @Override
    public List<OptionCount> optionCounts() {
        return database.autoCommitted("count devices per option", connection -> {
            try (PreparedStatement sum = connection.prepareStatement("""
                    select experiment_key, option_value, sum(devices) as devices
                    from option_count
                    group by experiment_key, option_value
                    having sum(devices) > 0""");
                 ResultSet rows = sum.executeQuery()) {
                List<OptionCount> counts = new ArrayList<>();
                while (rows.next()) {
                    counts.add(new OptionCount(
                            ExperimentKey.of(rows.getString("experiment_key")),
                            rows.getString("option_value"),
                            rows.getLong("devices")));
                }
                return counts;
            }
        });
    }

    @Override
    public Map<ExperimentKey, Long> leftOutCounts() {
        return database.autoCommitted("count devices left out", connection -> {
            try (PreparedStatement sum = connection.prepareStatement("""
                    select experiment_key, sum(devices) as devices
                    from left_out_count
                    group by experiment_key
                    having sum(devices) > 0""");
                 ResultSet rows = sum.executeQuery()) {
                Map<ExperimentKey, Long> counts = new HashMap<>();
                while (rows.next()) {
                    counts.put(ExperimentKey.of(rows.getString("experiment_key")), rows.getLong("devices"));
                }
                return counts;
            }
        });
    }
}
