package dev.abkit.persistence;

import dev.abkit.core.error.StorageFailureException;
import dev.abkit.core.error.UnknownExperimentException;
import dev.abkit.core.model.ExperimentKey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One database sequence per experiment hands out its slots 0, 1, 2, ... (R3): atomic across
 * connections and server instances, and never holding a lock until commit, so registrations do
 * not queue behind one hot row. Why, and what a rollback costs: docs/decisions/0003-slot-counters.md.
 */
final class SlotSequences {

    /**
     * Named by the experiment's id, not its key: a key may be 64 characters, and PostgreSQL cuts
     * names at 63. CACHE 1 so that several instances take consecutive values, not ranges.
     */
    private static final String PREFIX = "experiment_slot_";

    /** Key to sequence name; both are fixed for ever once an experiment exists, so never stale. */
    private final Map<ExperimentKey, String> names = new ConcurrentHashMap<>();

    static String nameOf(long experimentId) {
        return PREFIX + experimentId;
    }

    /** DDL: run it outside a transaction, since H2 commits the open transaction on DDL. */
    void create(Connection connection, long experimentId) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("create sequence if not exists " + nameOf(experimentId)
                    + " start with 0 minvalue 0 increment by 1 cache 1");
        }
    }

    void drop(Connection connection, long experimentId) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("drop sequence if exists " + nameOf(experimentId));
        }
    }

    /**
     * Takes the next slot of each experiment in one statement, {@code select nextval(a), nextval(b)},
     * so a registration pays one round trip for all its slots. Not undone by a rollback: see the
     * decision record.
     *
     * @return one slot per experiment, in the order given
     */
    long[] take(Connection connection, List<ExperimentKey> experiments) throws SQLException {
        if (experiments.isEmpty()) {
            return new long[0];
        }
        StringJoiner select = new StringJoiner(", ", "select ", "");
        for (ExperimentKey experiment : experiments) {
            select.add("nextval('" + nameOf(connection, experiment) + "')");
        }
        // A prepared statement, so that the driver can keep it prepared on this pooled connection.
        try (PreparedStatement nextval = connection.prepareStatement(select.toString());
             ResultSet next = nextval.executeQuery()) {
            next.next();
            long[] slots = new long[experiments.size()];
            for (int i = 0; i < slots.length; i++) {
                slots[i] = next.getLong(i + 1);
            }
            return slots;
        }
    }

    /** The slot the experiment's sequence would hand out next; every lower one was handed out. */
    long next(Connection connection, DatabaseKind kind, ExperimentKey experiment) throws SQLException {
        try (PreparedStatement peek = connection.prepareStatement(kind.peekNextValue(nameOf(connection, experiment)));
             ResultSet next = peek.executeQuery()) {
            if (!next.next()) {
                throw new StorageFailureException("the slot sequence of " + experiment + " is missing; the schema is damaged");
            }
            return next.getLong(1);
        }
    }

    private String nameOf(Connection connection, ExperimentKey experiment) throws SQLException {
        String name = names.get(experiment);
        if (name == null) {
            name = nameOf(idOf(connection, experiment));
            names.put(experiment, name);
        }
        return name;
    }

    private static long idOf(Connection connection, ExperimentKey experiment) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select id from experiment where experiment_key = ?")) {
            select.setString(1, experiment.value());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new UnknownExperimentException(experiment);
                }
                return row.getLong(1);
            }
        }
    }
}
