package dev.abkit.persistence;

import dev.abkit.core.model.DeviceOverride;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ExperimentKey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** From rows of {@code experiment_override} to domain overrides: by experiment in creation order, then oldest first. */
final class OverrideRows {

    private static final String SELECT = "select v.experiment_key, v.device_token, v.option_value, v.created_at"
            + " from experiment_override v join experiment e on e.experiment_key = v.experiment_key";
    private static final String ORDER = " order by e.id, v.created_at, v.device_token";

    private OverrideRows() {
    }

    static List<DeviceOverride> all(Connection connection) throws SQLException {
        return read(connection, SELECT + ORDER);
    }

    /** The overrides that may apply: those of experiments not stopped. */
    static List<DeviceOverride> applicable(Connection connection) throws SQLException {
        return read(connection, SELECT + " where e.status <> 'STOPPED'" + ORDER);
    }

    /** The override of {@code device} in {@code experiment}, if there is one. */
    static Optional<DeviceOverride> of(Connection connection, ExperimentKey experiment, DeviceToken device)
            throws SQLException {
        return read(connection, SELECT + " where v.experiment_key = ? and v.device_token = ?",
                experiment.value(), device.value()).stream().findFirst();
    }

    private static List<DeviceOverride> read(Connection connection, String sql, Object... parameters)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            return overrides(select);
        }
    }

    private static List<DeviceOverride> overrides(PreparedStatement select) throws SQLException {
        try (ResultSet rows = select.executeQuery()) {
            List<DeviceOverride> overrides = new ArrayList<>();
            while (rows.next()) {
                overrides.add(new DeviceOverride(ExperimentKey.of(rows.getString("experiment_key")),
                        DeviceToken.of(rows.getString("device_token")), rows.getString("option_value"),
                        rows.getObject("created_at", OffsetDateTime.class).toInstant()));
            }
            return overrides;
        }
    }
}
