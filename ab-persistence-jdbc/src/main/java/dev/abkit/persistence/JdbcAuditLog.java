package dev.abkit.persistence;

import dev.abkit.core.audit.AuditQuery;
import dev.abkit.core.audit.AuditRecord;
import dev.abkit.core.port.out.AuditLog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the audit trail by position (decision 19): one indexed range read per page, by experiment through
 * {@code (experiment_key, position)}, else along the primary key.
 */
final class JdbcAuditLog implements AuditLog {

    private final Database database;

    JdbcAuditLog(Database database) {
        this.database = database;
    }

    @Override
    public List<AuditRecord> read(AuditQuery query, int max) {
        StringBuilder sql = new StringBuilder("select " + AuditRows.COLUMNS + " from audit_entry where position > ?");
        List<Object> parameters = new ArrayList<>(List.of(query.after()));
        query.experiment().ifPresent(key -> {
            sql.append(" and experiment_key = ?");
            parameters.add(key.value());
        });
        if (!query.tokens()) {
            sql.append(" and experiment_key is not null");
        }
        query.from().ifPresent(from -> {
            sql.append(" and at >= ?");
            parameters.add(Timestamps.of(from));
        });
        query.to().ifPresent(to -> {
            sql.append(" and at < ?");
            parameters.add(Timestamps.of(to));
        });
        sql.append(" order by position limit ?");
        parameters.add(max);
        return database.autoCommitted("read the audit trail", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                for (int i = 0; i < parameters.size(); i++) {
                    select.setObject(i + 1, parameters.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    List<AuditRecord> page = new ArrayList<>();
                    while (rows.next()) {
                        page.add(AuditRows.read(rows));
                    }
                    return page;
                }
            }
        });
    }
}
