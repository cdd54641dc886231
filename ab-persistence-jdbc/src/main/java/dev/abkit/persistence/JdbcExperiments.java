package dev.abkit.persistence;

import dev.abkit.core.error.DuplicateExperimentException;
import dev.abkit.core.error.UnknownExperimentException;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.Option;
import dev.abkit.core.model.RunningExperiments;
import dev.abkit.core.port.out.Experiments;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Experiments in the tables {@code experiment} and {@code experiment_option}, listed in creation
 * order by their generated id. Adding one also creates its slot sequence, its statistics counter
 * rows and its slot check, so the next device enrolled takes slot 0 and is counted. Every create
 * and stop takes the catalog lock and makes a new catalog version (decision 5).
 */
final class JdbcExperiments implements Experiments {

    private final Database database;
    private final ExperimentCatalog catalog;
    private final SlotSequences slots;

    JdbcExperiments(Database database, ExperimentCatalog catalog, SlotSequences slots) {
        this.database = database;
        this.catalog = catalog;
        this.slots = slots;
    }

    @Override
    public void add(Experiment experiment) {
        // DDL first and on its own: H2 would commit the open transaction on it.
        long id = database.autoCommitted("create a slot sequence for experiment " + experiment.key(), connection -> {
            long next = nextExperimentId(connection);
            slots.create(connection, next);
            return next;
        });
        try {
            database.inTransaction("add experiment " + experiment.key(), connection -> {
                catalog.change(connection);
                if (!insert(connection, id, experiment)) {
                    throw new DuplicateExperimentException(experiment.key()); // rolls the version back too
                }
                return null;
            });
        } catch (DuplicateExperimentException duplicate) {
            // Nothing was committed, so nothing can use this sequence. After any other failure the commit
            // may still have happened (a lost reply): the sequence then belongs to a live experiment and
            // stays; an unused one is harmless.
            dropUnused(id);
            throw duplicate;
        }
    }

    private static long nextExperimentId(Connection connection) throws SQLException {
        try (PreparedStatement nextval = connection.prepareStatement("select nextval('experiment_id_seq')");
             ResultSet next = nextval.executeQuery()) {
            next.next();
            return next.getLong(1);
        }
    }

    /** @return false, storing nothing, if the key is taken */
    private static boolean insert(Connection connection, long id, Experiment experiment) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into experiment (id, experiment_key, status, created_at, seed)
                values (?, ?, ?, ?, ?)
                on conflict do nothing""")) {
            insert.setLong(1, id);
            insert.setString(2, experiment.key().value());
            insert.setString(3, experiment.status().name());
            insert.setObject(4, OffsetDateTime.ofInstant(experiment.createdAt(), ZoneOffset.UTC));
            insert.setLong(5, experiment.seed());
            if (insert.executeUpdate() == 0) {
                return false;
            }
        }
        insertOptions(connection, experiment);
        try (PreparedStatement counters = connection.prepareStatement("""
                insert into option_count (experiment_key, option_value, stripe, devices)
                select o.experiment_key, o.option_value, d.stripe, 0
                from experiment_option o cross join device_count d
                where o.experiment_key = ?""")) {
            counters.setString(1, experiment.key().value());
            counters.executeUpdate();
        }
        try (PreparedStatement check = connection.prepareStatement(
                "insert into slot_check (experiment_key, checked_below) values (?, 0)")) {
            check.setString(1, experiment.key().value());
            check.executeUpdate();
        }
        return true;
    }

    private static void insertOptions(Connection connection, Experiment experiment) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into experiment_option (experiment_key, position, option_value, weight) values (?, ?, ?, ?)")) {
            List<Option> options = experiment.options();
            for (int position = 0; position < options.size(); position++) {
                insert.setString(1, experiment.key().value());
                insert.setInt(2, position);
                insert.setString(3, options.get(position).value());
                insert.setBigDecimal(4, options.get(position).weight().value());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Best effort: an unused sequence left behind by a failure is harmless, only untidy. */
    private void dropUnused(long id) {
        try {
            database.autoCommitted("drop an unused slot sequence", connection -> {
                slots.drop(connection, id);
                return null;
            });
        } catch (RuntimeException ignored) {
            // the original failure matters more than this one
        }
    }

    @Override
    public void updateStatus(Experiment experiment) {
        database.inTransaction("update experiment " + experiment.key(), connection -> {
            catalog.change(connection);
            try (PreparedStatement update = connection.prepareStatement(
                    "update experiment set status = ? where experiment_key = ?")) {
                update.setString(1, experiment.status().name());
                update.setString(2, experiment.key().value());
                if (update.executeUpdate() == 0) {
                    throw new UnknownExperimentException(experiment.key()); // rolls the version back too
                }
            }
            return null;
        });
    }

    @Override
    public Optional<Experiment> find(ExperimentKey key) {
        return database.autoCommitted("find experiment " + key, connection -> ExperimentRows.find(connection, key));
    }

    @Override
    public List<Experiment> all() {
        return database.autoCommitted("list experiments", ExperimentRows::all);
    }

    @Override
    public RunningExperiments running() {
        return database.autoCommitted("list running experiments", catalog::running);
    }
}
