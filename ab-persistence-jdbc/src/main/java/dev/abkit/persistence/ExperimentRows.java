package dev.abkit.persistence;

import dev.abkit.core.model.Audience;
import dev.abkit.core.model.CoveragePlan;
import dev.abkit.core.model.EndAction;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.ExperimentStatus;
import dev.abkit.core.model.Lifecycle;
import dev.abkit.core.model.Option;
import dev.abkit.core.model.Weight;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * From rows of {@code experiment} joined with {@code experiment_option} to domain experiments, in
 * creation order and each with its options in position order. Domain types stay in the core; rows
 * stay in this package.
 */
final class ExperimentRows {

    /** The columns {@link #experiments} reads, joined so that one statement reads one snapshot. */
    static final String COLUMNS = "e.experiment_key, e.status, e.start_at, e.end_at, e.started_at, e.end_action,"
            + " e.created_at, e.seed, e.coverage_plan, " + AudienceColumns.SELECTED + ", o.option_value, o.weight";
    private static final String SELECT = "select " + COLUMNS
            + " from experiment e join experiment_option o on o.experiment_key = e.experiment_key";

    private ExperimentRows() {
    }

    static List<Experiment> all(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT + " order by e.id, o.position");
             ResultSet rows = select.executeQuery()) {
            return experiments(rows, rows.next());
        }
    }

    static Optional<Experiment> find(Connection connection, ExperimentKey key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                SELECT + " where e.experiment_key = ? order by o.position")) {
            select.setString(1, key.value());
            try (ResultSet rows = select.executeQuery()) {
                return experiments(rows, rows.next()).stream().findFirst();
            }
        }
    }

    /**
     * Reads experiments from {@code rows}, which stand on their first row if {@code onRow}, until
     * the rows end or a row has no experiment (an outer join that found none).
     */
    static List<Experiment> experiments(ResultSet rows, boolean onRow) throws SQLException {
        List<Experiment> experiments = new ArrayList<>();
        String key = onRow ? rows.getString("experiment_key") : null;
        while (key != null) {
            Lifecycle lifecycle = new Lifecycle(ExperimentStatus.valueOf(rows.getString("status")),
                    instant(rows, "start_at"), instant(rows, "end_at"), instant(rows, "started_at"),
                    EndAction.valueOf(rows.getString("end_action")));
            Instant createdAt = rows.getObject("created_at", OffsetDateTime.class).toInstant();
            long seed = rows.getLong("seed");
            Audience audience = AudienceColumns.audience(rows);
            CoveragePlan coverage = CoverageColumns.plan(rows.getString("coverage_plan"));
            List<Option> options = new ArrayList<>();
            String next;
            do {
                options.add(new Option(rows.getString("option_value"), new Weight(rows.getBigDecimal("weight"))));
                next = rows.next() ? rows.getString("experiment_key") : null;
            } while (key.equals(next));
            experiments.add(new Experiment(ExperimentKey.of(key), options, audience, coverage, lifecycle, createdAt, seed));
            key = next;
        }
        return experiments;
    }

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
