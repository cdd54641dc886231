package dev.abkit.bench.tools;

import dev.abkit.core.model.EndAction;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.ExperimentStatus;
import dev.abkit.core.model.Lifecycle;
import dev.abkit.core.model.Option;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the tools need to know of abkit's PostgreSQL schema (ab-persistence-jdbc's migrations):
 * the experiments as domain objects, so that a slot's option is computed by ab-core itself, and the
 * name of each experiment's slot sequence.
 */
final class Schema {

    /**
     * The counter rows per counter (V1 creates 16). The server leases whichever stripe is free and
     * readers add them all up, so bulk loading may spread devices over them by any rule.
     */
    static final int STRIPES = 16;

    /**
     * Taken shared by a registration until it commits (DatabaseKind.Lock in ab-persistence-jdbc: class
     * "abkt", key 1); the server's search for lost slots takes it exclusively, so it waits for them.
     */
    static final String REGISTRATION_LOCK = "select pg_advisory_xact_lock_shared(1633839988, 1)";

    private Schema() {
    }

    static Connection connect() throws SQLException {
        String url = System.getenv().getOrDefault("AB_DB_URL", "jdbc:postgresql://localhost:5432/abkit");
        return DriverManager.getConnection(url,
                System.getenv().getOrDefault("AB_DB_USER", "postgres"),
                System.getenv().getOrDefault("AB_DB_PASSWORD", ""));
    }

    /** Spreads bulk-loaded devices evenly over the stripes, as many concurrent registrations would. */
    static int stripeOf(String token) {
        return Math.floorMod(token.hashCode(), STRIPES);
    }

    /** Every experiment with its id, in creation order. */
    static List<Stored> experiments(Connection connection) throws SQLException {
        Map<String, List<Option>> options = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select experiment_key, option_value, weight from experiment_option order by experiment_key, position");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                options.computeIfAbsent(rows.getString(1), key -> new ArrayList<>())
                        .add(Option.of(rows.getString(2), rows.getBigDecimal(3).toPlainString()));
            }
        }
        List<Stored> experiments = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select id, experiment_key, status, created_at, seed, start_at, end_at, started_at, end_action"
                        + " from experiment order by id");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                String key = rows.getString(2);
                Lifecycle lifecycle = new Lifecycle(ExperimentStatus.valueOf(rows.getString(3)), instant(rows, 6),
                        instant(rows, 7), instant(rows, 8), EndAction.valueOf(rows.getString(9)));
                experiments.add(new Stored(rows.getLong(1), new Experiment(ExperimentKey.of(key), options.get(key),
                        lifecycle, rows.getObject(4, OffsetDateTime.class).toInstant(), rows.getLong(5))));
            }
        }
        return experiments;
    }

    private static java.time.Instant instant(ResultSet rows, int column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    record Stored(long id, Experiment experiment) {

        String key() {
            return experiment.key().value();
        }

        String sequence() {
            return "experiment_slot_" + id;
        }
    }
}
