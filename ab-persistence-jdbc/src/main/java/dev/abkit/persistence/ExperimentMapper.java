package dev.abkit.persistence;

import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.ExperimentStatus;
import dev.abkit.core.model.Option;
import dev.abkit.core.model.Weight;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns rows of experiments joined with their options back into domain experiments, and names
 * the columns it reads, so the queries and the mapping cannot drift apart.
 */
final class ExperimentMapper {

    /** Rows ordered by creation and option position; the mapper relies on that order. */
    static final String SELECT_WITH_OPTIONS = """
            select e.id, e.experiment_key, e.status, e.created_at, e.seed, o.option_value, o.weight
            from experiment e
            join experiment_option o on o.experiment_key = e.experiment_key
            """;
    static final String IN_CREATION_ORDER = " order by e.id, o.position";

    private ExperimentMapper() {
    }

    static List<Experiment> experimentsFrom(ResultSet rows) throws SQLException {
        List<Experiment> experiments = new ArrayList<>();
        Head head = null;
        List<Option> options = new ArrayList<>();
        while (rows.next()) {
            long id = rows.getLong("id");
            if (head == null || head.id() != id) {
                if (head != null) {
                    experiments.add(head.with(options));
                }
                head = headOf(rows);
                options = new ArrayList<>();
            }
            options.add(new Option(rows.getString("option_value"), new Weight(rows.getBigDecimal("weight"))));
        }
        if (head != null) {
            experiments.add(head.with(options));
        }
        return experiments;
    }

    private static Head headOf(ResultSet row) throws SQLException {
        return new Head(
                row.getLong("id"),
                ExperimentKey.of(row.getString("experiment_key")),
                ExperimentStatus.valueOf(row.getString("status")),
                row.getObject("created_at", OffsetDateTime.class),
                row.getLong("seed"));
    }

    /** The experiment's own columns, repeated on each of its option rows. */
    private record Head(long id, ExperimentKey key, ExperimentStatus status, OffsetDateTime createdAt, long seed) {

        Experiment with(List<Option> options) {
            return new Experiment(key, options, status, createdAt.toInstant(), seed);
        }
    }
}
