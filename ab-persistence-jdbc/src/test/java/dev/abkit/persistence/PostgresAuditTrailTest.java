package dev.abkit.persistence;

import dev.abkit.core.contract.AuditTrailContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The audit trail contract on PostgreSQL, in a database of its own per test. */
class PostgresAuditTrailTest extends AuditTrailContract {

    @RegisterExtension
    final FreshPostgres database = new FreshPostgres();

    @Override
    protected TrailPorts freshPorts() {
        JdbcStorage storage = database.start().storage();
        return new TrailPorts(storage.experiments(), storage.tokens(), storage.auditLog());
    }
}
