package dev.abkit.persistence;

import dev.abkit.core.contract.AuditTrailContract;
import org.junit.jupiter.api.AfterEach;

/** The audit trail contract on PostgreSQL, in a database of its own per test. */
class PostgresAuditTrailTest extends AuditTrailContract {

    private final PostgresServer server = PostgresServer.fromEnvironment();
    private String database;
    private Instance instance;

    @Override
    protected TrailPorts freshPorts() {
        database = server.createDatabase();
        instance = Instance.start(server.urlOf(database), server.user());
        JdbcStorage storage = instance.storage();
        return new TrailPorts(storage.experiments(), storage.tokens(), storage.auditLog());
    }

    @AfterEach
    void dropDatabase() {
        if (instance != null) {
            instance.close();
        }
        if (database != null) {
            server.dropDatabase(database);
        }
    }
}
