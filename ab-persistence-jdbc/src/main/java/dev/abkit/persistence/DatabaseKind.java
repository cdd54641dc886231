package dev.abkit.persistence;

import dev.abkit.core.error.StorageFailureException;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The few things that differ between PostgreSQL and H2 (MODE=PostgreSQL) beyond the SQL subset
 * they share, in one place: how a registration holds the experiment catalog still, whether
 * several statements travel to the database together, and where the migrations that differ live.
 */
enum DatabaseKind {

    /**
     * Registrations hold a shared advisory lock until they commit, so they run side by side; a
     * change of the catalog, or a search for lost slots, holds it exclusively, so it waits for the
     * registrations in flight and the next ones wait for it. Statements of a script go in one
     * round trip.
     */
    POSTGRESQL(
            "select pg_advisory_xact_lock_shared(" + Lock.CLASS + ", " + Lock.CATALOG + ")",
            "select pg_advisory_xact_lock(" + Lock.CLASS + ", " + Lock.CATALOG + ")",
            true),

    /**
     * An embedded file that one process opens: registrations lock the catalog row, so on H2 they
     * run one at a time (in-process, they are short). H2 reports only the first update count of a
     * script, so statements run one by one, which costs no network round trip there.
     */
    H2(
            "select version from experiment_catalog where id = 1 for update",
            "select version from experiment_catalog where id = 1 for update",
            false);

    private final String lockCatalogForRegistration;
    private final String lockCatalogForChange;
    private final boolean sendsScriptsTogether;

    DatabaseKind(String lockCatalogForRegistration, String lockCatalogForChange, boolean sendsScriptsTogether) {
        this.lockCatalogForRegistration = lockCatalogForRegistration;
        this.lockCatalogForChange = lockCatalogForChange;
        this.sendsScriptsTogether = sendsScriptsTogether;
    }

    static DatabaseKind of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        if ("PostgreSQL".equalsIgnoreCase(product)) {
            return POSTGRESQL;
        }
        if ("H2".equalsIgnoreCase(product)) {
            return H2;
        }
        throw new StorageFailureException("abkit stores its data in PostgreSQL or H2, not in " + product);
    }

    /** Held until the registration's transaction ends; admits other registrations, not changes. */
    String lockCatalogForRegistration() {
        return lockCatalogForRegistration;
    }

    /** Held until the transaction ends; waits for every registration in flight and holds off new ones. */
    String lockCatalogForChange() {
        return lockCatalogForChange;
    }

    boolean sendsScriptsTogether() {
        return sendsScriptsTogether;
    }

    /**
     * Locks one device's row until the transaction ends, by token: its event and exposure batches take it first,
     * so that each sees the other's rows once it has it (docs/decisions/0015-exposed-counters.md). No key
     * columns change, so the foreign keys of other rows to the device are not held up on PostgreSQL.
     */
    String lockDevice() {
        return switch (this) {
            case POSTGRESQL -> "select token from device where token = ? for no key update";
            case H2 -> "select token from device where token = ? for update";
        };
    }

    /** A query for the value that {@code nextval} of the sequence would return now, without taking it. */
    String peekNextValue(String sequence) {
        return switch (this) {
            case POSTGRESQL -> "select case when is_called then last_value + 1 else last_value end from " + sequence;
            case H2 -> "select base_value from information_schema.sequences"
                    + " where sequence_schema = current_schema and sequence_name = '" + sequence + "'";
        };
    }

    /** The Flyway location of the migrations that differ per database (from V11 on; so far V11, the raw events). */
    String vendorMigrations() {
        return switch (this) {
            case POSTGRESQL -> "classpath:db/vendor/postgresql";
            case H2 -> "classpath:db/vendor/h2";
        };
    }

    /** The advisory locks' keys: a class of abkit's own ("abkt"), and the catalog and the event upkeep in it. */
    static final class Lock {
        static final int CLASS = 0x61626B74;
        static final int CATALOG = 1;
        static final int EVENT_UPKEEP = 2;

        private Lock() {
        }
    }
}
