package dev.abkit.persistence;

import dev.abkit.core.error.StorageFailureException;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.RunningExperiments;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The catalog of experiments as registrations see it: the served set (RUNNING and CLOSED) with the
 * version it belongs to and the QA overrides that apply at it (with the drafts and scheduled
 * experiments they name), and the lock and version bump that every change of it takes (R2 across
 * instances).
 */
final class ExperimentCatalog {

    /**
     * One statement, so the version and the set come from one snapshot; options never change, so
     * joining them in is safe. Every experiment has at least one option.
     */
    private static final String RUNNING = "select c.version,"
            + " exists (select 1 from experiment_override) as has_overrides, " + ExperimentRows.COLUMNS
            + " from experiment_catalog c"
            + " left join experiment e on e.status in ('RUNNING', 'CLOSED')"
            + "   or (e.status in ('DRAFT', 'SCHEDULED')"
            + "       and exists (select 1 from experiment_override v where v.experiment_key = e.experiment_key))"
            + " left join experiment_option o on o.experiment_key = e.experiment_key"
            + " where c.id = 1"
            + " order by e.id, o.position";

    private static final String NEXT_VERSION = "update experiment_catalog set version = version + 1 where id = 1";

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
            throw new StorageFailureException("the catalog moved from version " + version + " to "
                    + running.version() + " under the lock of a registration");
        }
        return running;
    }

    /** Locks the catalog against registrations and other changes, and makes the next version. */
    void change(Connection connection) throws SQLException {
        Script change = new Script();
        change.run(database.kind().lockCatalogForChange());
        change.write(NEXT_VERSION);
        change.runOn(connection, database.kind());
    }

    /**
     * Locks the catalog as {@link #change} does and runs {@code conditional}, a statement that
     * writes at most one row; only if it wrote one, makes the next version.
     *
     * @return whether {@code conditional} wrote its row
     */
    boolean changeIf(Connection connection, String conditional, Object... parameters) throws SQLException {
        Script change = new Script();
        change.run(database.kind().lockCatalogForChange());
        int written = change.write(conditional, parameters);
        if (change.runOn(connection, database.kind()).rowsWritten(written) != 1) {
            return false;
        }
        Script next = new Script();
        next.write(NEXT_VERSION);
        next.runOn(connection, database.kind());
        return true;
    }

    private static RunningExperiments read(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(RUNNING);
             ResultSet rows = select.executeQuery()) {
            if (!rows.next()) {
                throw new StorageFailureException("the experiment catalog row is missing; the schema is damaged");
            }
            long version = rows.getLong("version");
            boolean overridden = rows.getBoolean("has_overrides");
            List<Experiment> shown = ExperimentRows.experiments(rows, true);
            if (!overridden) {
                return new RunningExperiments(version, shown); // the normal case: one statement
            }
            // Read after the set: an override change committed in between makes a newer version,
            // which the next read brings; under a registration's shared lock none can commit.
            return RunningExperiments.withOverrides(version, shown, OverrideRows.applicable(connection));
        }
    }
}
