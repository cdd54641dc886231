package dev.abkit.persistence;

import dev.abkit.core.audit.Actor;
import dev.abkit.core.audit.AuditAction;
import dev.abkit.core.audit.AuditEntry;
import dev.abkit.core.audit.AuditRecord;
import dev.abkit.core.audit.Snapshot;
import dev.abkit.core.error.StorageFailureException;
import dev.abkit.core.model.ExperimentKey;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Audit entries in table {@code audit_entry} (V17, decision 19). {@link #write} runs inside the transaction
 * of the change it records, so the two commit together or not at all; its position comes from
 * {@code audit_head}, whose row stays locked until that commit, so positions commit in order.
 */
final class AuditRows {

    static final String COLUMNS = "position, at, actor_name, actor_role, action, experiment_key, before_json, after_json";

    private AuditRows() {
    }

    /** Adds {@code entry} to the trail on {@code connection}, in its open transaction: one round trip on PostgreSQL. */
    static void write(Connection connection, DatabaseKind kind, AuditEntry entry) throws SQLException {
        Script write = new Script();
        int head = write.write("update audit_head set last_position = last_position + 1");
        int insert = write.write("insert into audit_entry (" + COLUMNS + ")"
                        + " select last_position, ?, ?, ?, ?, ?, ?, ? from audit_head",
                Timestamps.of(entry.at()), entry.actor().name(), entry.actor().role(), entry.action().wireName(),
                entry.experiment().map(ExperimentKey::value).orElse(null),
                entry.before().map(SnapshotJson::text).orElse(null), entry.after().map(SnapshotJson::text).orElse(null));
        Script.Results written = write.runOn(connection, kind);
        if (written.rowsWritten(head) != 1 || written.rowsWritten(insert) != 1) {
            // Without the head row the INSERT writes nothing: the change must not commit without its entry.
            throw new StorageFailureException("the audit trail's head row is missing; the schema is damaged");
        }
    }

    static AuditRecord read(ResultSet row) throws SQLException {
        return new AuditRecord(row.getLong("position"), new AuditEntry(Timestamps.instant(row, "at"),
                new Actor(row.getString("actor_name"), row.getString("actor_role")),
                AuditAction.of(row.getString("action")),
                Optional.ofNullable(row.getString("experiment_key")).map(ExperimentKey::of),
                snapshot(row, "before_json"), snapshot(row, "after_json")));
    }

    private static Optional<Snapshot> snapshot(ResultSet row, String column) throws SQLException {
        return Optional.ofNullable(row.getString(column)).map(SnapshotJson::parse);
    }
}
