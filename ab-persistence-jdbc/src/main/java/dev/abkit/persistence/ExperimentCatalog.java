package dev.abkit.persistence;

import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.ExperimentStatus;
import dev.abkit.core.model.Option;
import dev.abkit.core.model.RunningExperiments;
import dev.abkit.core.model.Weight;

import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalog of experiments as registrations see it: the running set with the version it belongs
 * to, and the lock and version bump that every change of it takes (R2 across instances).
 */
@Singleton
final class ExperimentCatalog {

    /**
     * One statement, so the version and the set come from one snapshot; options never change, so
     * joining them in is safe. Every experiment has at least one option.
     */
    private static final String RUNNING = """
            select c.version, e.experiment_key, e.created_at, e.seed, o.option_value, o.weight
            from experiment_catalog c
            left join experiment e on e.status = 'RUNNING'
            left join experiment_option o on o.experiment_key = e.experiment_key
            where c.id = 1
            order by e.id, o.position""";

    private final Database database;
    /** The set last read, for registrations that find the catalog ahead of their caller's set. */
    private volatile RunningExperiments lastRead = RunningExperiments.none();

    ExperimentCatalog(Database database) {
        this.database = database;
    }

    RunningExperiments running(Connection connection) throws SQLException {
        RunningExperiments running = read(connection);
        lastRead = running;
        return running;
    }

    /**
     * The running set at {@code version}, which the caller read under the catalog lock it still
     * holds: no change can have come since, so the set read now is that version's.
     */
    RunningExperiments runningAt(Connection connection, long version) throws SQLException {
        RunningExperiments known = lastRead;
        if (known.version() == version) {
            return known;
        }
        RunningExperiments running = running(connection);
        if (running.version() != version) {
            throw new IllegalStateException("the catalog moved from version " + version + " to "
                    + running.version() + " under the lock of a registration");
        }
        return running;
    }

    /** Locks the catalog against registrations and other changes, and makes the next version. */
    void change(Connection connection) throws SQLException {
        Script change = new Script();
        change.run(database.kind().lockCatalogForChange());
        change.write("update experiment_catalog set version = version + 1 where id = 1");
        change.runOn(connection, database.kind());
    }

    private static RunningExperiments read(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(RUNNING);
             ResultSet rows = select.executeQuery()) {
            if (!rows.next()) {
                throw new IllegalStateException("the experiment catalog row is missing; the schema is damaged");
            }
            long version = rows.getLong("version");
            List<Experiment> experiments = new ArrayList<>();
            String key = rows.getString("experiment_key");
            while (key != null) {
                Instant createdAt = rows.getObject("created_at", OffsetDateTime.class).toInstant();
                long seed = rows.getLong("seed");
                List<Option> options = new ArrayList<>();
                String next;
                do {
                    options.add(new Option(rows.getString("option_value"), new Weight(rows.getBigDecimal("weight"))));
                    next = rows.next() ? rows.getString("experiment_key") : null;
                } while (key.equals(next));
                experiments.add(new Experiment(ExperimentKey.of(key), options, ExperimentStatus.RUNNING, createdAt, seed));
                key = next;
            }
            return new RunningExperiments(version, experiments);
        }
    }
}
