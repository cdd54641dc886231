package dev.abkit.persistence;

import dev.abkit.core.audit.AuditEntry;
import dev.abkit.core.error.DuplicateExperimentException;
import dev.abkit.core.error.UnknownExperimentException;
import dev.abkit.core.model.DeviceOverride;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentStatus;
import dev.abkit.core.model.Lifecycle;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.Option;
import dev.abkit.core.model.RunningExperiments;
import dev.abkit.core.port.out.Experiments;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Experiments in the tables {@code experiment} and {@code experiment_option}, listed in creation
 * order by their generated id. Adding one also creates its slot sequence, its statistics counter
 * rows and its slot check, so the next device enrolled takes slot 0 and is counted. Every create
 * and every change of a lifecycle takes the catalog lock and makes a new catalog version
 * (decisions 5 and 9); a change is a compare-and-set under that lock, so of several instances
 * carrying out one due start exactly one does. Each change writes its audit entry in its own transaction
 * ({@link AuditRows}), and only when it changes something.
 */
final class JdbcExperiments implements Experiments {

    /** A compare-and-set of the lifecycle: only if it is still the one the caller decided on. */
    private static final String REPLACE_LIFECYCLE = """
            update experiment
            set status = ?, start_at = cast(? as timestamp with time zone), end_at = cast(? as timestamp with time zone),
                started_at = cast(? as timestamp with time zone), end_action = ?
            where experiment_key = ? and status = ?
              and start_at is not distinct from cast(? as timestamp with time zone)
              and end_at is not distinct from cast(? as timestamp with time zone)
              and started_at is not distinct from cast(? as timestamp with time zone)
              and end_action = ?
              and coverage_plan = ?""";

    private final Database database;
    private final ExperimentCatalog catalog;
    private final SlotSequences slots;

    JdbcExperiments(Database database, ExperimentCatalog catalog, SlotSequences slots) {
        this.database = database;
        this.catalog = catalog;
        this.slots = slots;
    }

    @Override
    public void add(Experiment experiment, AuditEntry entry) {
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
                AuditRows.write(connection, database.kind(), entry);
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
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into experiment (id, experiment_key, status, start_at, end_at, started_at, end_action,"
                        + " created_at, seed, coverage_plan, " + AudienceColumns.NAMES + ")"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing")) {
            Lifecycle lifecycle = experiment.lifecycle();
            insert.setLong(1, id);
            insert.setString(2, experiment.key().value());
            insert.setString(3, lifecycle.status().name());
            insert.setObject(4, timestamp(lifecycle.startAt()));
            insert.setObject(5, timestamp(lifecycle.endAt()));
            insert.setObject(6, timestamp(lifecycle.startedAt()));
            insert.setString(7, lifecycle.endAction().name());
            insert.setObject(8, timestamp(experiment.createdAt()));
            insert.setLong(9, experiment.seed());
            // A new experiment's plan: placed from slot 0, since no slot of it exists yet.
            insert.setString(10, CoverageColumns.text(experiment.settledAt(0).coveragePlan()));
            AudienceColumns.bind(insert, 11, experiment.audience());
            if (insert.executeUpdate() == 0) {
                return false;
            }
        }
        insertOptions(connection, experiment);
        insertCounters(connection, experiment);
        insertLeftOutCounters(connection, experiment);
        try (PreparedStatement check = connection.prepareStatement(
                "insert into slot_check (experiment_key, checked_below) values (?, 0)")) {
            check.setString(1, experiment.key().value());
            check.executeUpdate();
        }
        return true;
    }

    /** The statistics counter rows of every option, at 0. */
    private static void insertCounters(Connection connection, Experiment experiment) throws SQLException {
        try (PreparedStatement counters = connection.prepareStatement("""
                insert into option_count (experiment_key, option_value, stripe, devices)
                select o.experiment_key, o.option_value, d.stripe, 0
                from experiment_option o cross join device_count d
                where o.experiment_key = ?""")) {
            counters.setString(1, experiment.key().value());
            counters.executeUpdate();
        }
    }

    /** The statistics counter rows of the devices its coverage leaves out, at 0. */
    private static void insertLeftOutCounters(Connection connection, Experiment experiment) throws SQLException {
        try (PreparedStatement counters = connection.prepareStatement("""
                insert into left_out_count (experiment_key, stripe, devices)
                select ?, d.stripe, 0 from device_count d""")) {
            counters.setString(1, experiment.key().value());
            counters.executeUpdate();
        }
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
    public boolean replace(Experiment expected, Experiment changed, AuditEntry entry) {
        Lifecycle was = expected.lifecycle();
        Lifecycle next = changed.lifecycle();
        try {
            return database.inTransaction("change experiment " + expected.key(), connection -> {
                boolean replaced = catalog.changeIf(connection, REPLACE_LIFECYCLE,
                        next.status().name(), timestamp(next.startAt()), timestamp(next.endAt()),
                        timestamp(next.startedAt()), next.endAction().name(),
                        expected.key().value(), was.status().name(), timestamp(was.startAt()), timestamp(was.endAt()),
                        timestamp(was.startedAt()), was.endAction().name(), CoverageColumns.text(expected.coveragePlan()));
                if (!replaced) {
                    if (ExperimentRows.find(connection, expected.key()).isEmpty()) {
                        throw new UnknownExperimentException(expected.key());
                    }
                    return false;
                }
                if (was.status() == ExperimentStatus.DRAFT) {
                    requireDefinitionOf(connection, expected);
                }
                if (was.status() == ExperimentStatus.DRAFT && !changed.options().equals(expected.options())) {
                    replaceOptions(connection, changed);
                }
                if (was.status() == ExperimentStatus.DRAFT && !changed.audience().equals(expected.audience())) {
                    replaceAudience(connection, changed);
                }
                if (!changed.coveragePlan().equals(expected.coveragePlan())) {
                    replaceCoverage(connection, changed);
                }
                AuditRows.write(connection, database.kind(), entry);
                return true;
            });
        } catch (DefinitionChangedMeanwhile lost) {
            return false;
        }
    }

    /**
     * A draft's options and audience are part of what a change was decided on: two edits of one draft, each
     * of other fields, must not both be kept, the second on top of what it never saw (nor recorded with a
     * {@code before} that no longer held). Read under the exclusive catalog lock {@code changeIf} took.
     */
    private static void requireDefinitionOf(Connection connection, Experiment expected) throws SQLException {
        Experiment stored = ExperimentRows.find(connection, expected.key()).orElseThrow();
        if (!stored.options().equals(expected.options()) || !stored.audience().equals(expected.audience())) {
            throw new DefinitionChangedMeanwhile(); // rolls the lifecycle's update back
        }
    }

    /** A compare-and-set lost on what is not in the conditional statement (a draft's definition, an override). */
    private static final class DefinitionChangedMeanwhile extends RuntimeException {
        DefinitionChangedMeanwhile() {
            super(null, null, false, false);
        }
    }

    /** A draft's new options: no device has any of them, so its counters are all 0 and go with them. */
    private static void replaceOptions(Connection connection, Experiment draft) throws SQLException {
        for (String table : List.of("option_day_count", "option_count", "experiment_option")) {
            try (PreparedStatement delete = connection.prepareStatement(
                    "delete from " + table + " where experiment_key = ?")) {
                delete.setString(1, draft.key().value());
                delete.executeUpdate();
            }
        }
        insertOptions(connection, draft);
        insertCounters(connection, draft);
        // Overrides of values the draft no longer has would force a device to a value it cannot hold.
        try (PreparedStatement delete = connection.prepareStatement(
                "delete from experiment_override where experiment_key = ? and option_value not in"
                        + " (select option_value from experiment_option where experiment_key = ?)")) {
            delete.setString(1, draft.key().value());
            delete.setString(2, draft.key().value());
            delete.executeUpdate();
        }
    }

    /**
     * A new coverage (R7), placed from the next block boundary at or after the slots handed out: under the
     * exclusive catalog lock that {@code changeIf} took, no registration is in flight on any instance, so
     * none takes a slot between this read and the commit.
     */
    private void replaceCoverage(Connection connection, Experiment changed) throws SQLException {
        Experiment settled = changed.settledAt(slots.next(connection, database.kind(), changed.key()));
        try (PreparedStatement update = connection.prepareStatement(
                "update experiment set coverage_plan = ? where experiment_key = ?")) {
            update.setString(1, CoverageColumns.text(settled.coveragePlan()));
            update.setString(2, changed.key().value());
            update.executeUpdate();
        }
    }

    /** A draft's new audience: no device was judged by the old one. */
    private static void replaceAudience(Connection connection, Experiment draft) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("update experiment set "
                + AudienceColumns.NAMES.replace(",", " = ?,") + " = ? where experiment_key = ?")) {
            AudienceColumns.bind(update, 1, draft.audience());
            update.setString(AudienceColumns.COUNT + 1, draft.key().value());
            update.executeUpdate();
        }
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
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
    public List<Experiment> withSchedule() {
        return database.autoCommitted("list scheduled experiments", connection -> {
            try (PreparedStatement select = connection.prepareStatement("select " + ExperimentRows.COLUMNS
                    + " from experiment e join experiment_option o on o.experiment_key = e.experiment_key"
                    + " where e.status <> 'STOPPED' and (e.start_at is not null or e.end_at is not null)"
                    + " order by e.id, o.position");
                 ResultSet rows = select.executeQuery()) {
                return ExperimentRows.experiments(rows, rows.next());
            }
        });
    }

    @Override
    public RunningExperiments running() {
        return database.autoCommitted("list running experiments", catalog::running);
    }

    @Override
    public boolean putOverride(Optional<DeviceOverride> expected, DeviceOverride override, AuditEntry entry) {
        try {
            return database.inTransaction("put an override in experiment " + override.experiment(), connection -> {
                catalog.change(connection);
                if (ExperimentRows.find(connection, override.experiment()).isEmpty()) {
                    throw new UnknownExperimentException(override.experiment()); // rolls the version back too
                }
                // Read under the exclusive catalog lock: no other override change runs until this one commits.
                if (!OverrideRows.of(connection, override.experiment(), override.device()).equals(expected)) {
                    throw new DefinitionChangedMeanwhile(); // rolls the version back too
                }
                // Delete and insert rather than an upsert, which H2 does not speak in PostgreSQL's words.
                Script put = new Script();
                put.write("delete from experiment_override where experiment_key = ? and device_token = ?",
                        override.experiment().value(), override.device().value());
                put.write("insert into experiment_override (experiment_key, device_token, option_value, created_at)"
                                + " values (?, ?, ?, ?)",
                        override.experiment().value(), override.device().value(), override.value(),
                        timestamp(override.createdAt()));
                put.runOn(connection, database.kind());
                AuditRows.write(connection, database.kind(), entry);
                return true;
            });
        } catch (DefinitionChangedMeanwhile lost) {
            return false;
        }
    }

    @Override
    public boolean removeOverride(DeviceOverride expected, AuditEntry entry) {
        return database.inTransaction("remove an override in experiment " + expected.experiment(), connection -> {
            boolean removed = catalog.changeIf(connection, "delete from experiment_override"
                            + " where experiment_key = ? and device_token = ? and option_value = ? and created_at = ?",
                    expected.experiment().value(), expected.device().value(), expected.value(),
                    timestamp(expected.createdAt()));
            if (removed) {
                AuditRows.write(connection, database.kind(), entry);
            }
            return removed;
        });
    }

    @Override
    public List<DeviceOverride> overrides() {
        return database.autoCommitted("list overrides", OverrideRows::all);
    }
}
