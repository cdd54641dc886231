package dev.abkit.persistence;

import dev.abkit.core.contract.EventStoragePorts;
import dev.abkit.core.contract.EventStoreContract;
import org.junit.jupiter.api.AfterEach;

/** The event store contract on PostgreSQL, in a database of its own per test. */
class PostgresEventStoreTest extends EventStoreContract {

    private final PostgresServer server = PostgresServer.fromEnvironment();
    private Instance instance;
    private String database;

    @Override
    protected EventStoragePorts freshEventStorage() {
        database = server.createDatabase();
        instance = Instance.start(server.urlOf(database), server.user(), pool -> { }, pool -> pool,
                ContractTime.retention(NOW));
        return ContractTime.ports(instance);
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
