package dev.abkit.persistence;

import dev.abkit.core.contract.ExportRowsContract;
import dev.abkit.core.contract.ExportStoragePorts;
import org.junit.jupiter.api.AfterEach;

/** The export contract on PostgreSQL, in a database of its own per test. */
class PostgresExportRowsTest extends ExportRowsContract {

    private final PostgresServer server = PostgresServer.fromEnvironment();
    private Instance instance;
    private String database;

    @Override
    protected ExportStoragePorts freshExportStorage() {
        database = server.createDatabase();
        instance = Instance.start(server.urlOf(database), server.user());
        return H2ExportRowsTest.ports(instance);
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
