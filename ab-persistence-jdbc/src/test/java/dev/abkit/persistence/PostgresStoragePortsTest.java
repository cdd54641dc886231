package dev.abkit.persistence;

import dev.abkit.core.contract.StoragePorts;
import dev.abkit.core.contract.StoragePortsContract;
import org.junit.jupiter.api.AfterEach;

import java.util.ArrayList;
import java.util.List;

/** The storage contract on PostgreSQL, in a database of its own per test. */
class PostgresStoragePortsTest extends StoragePortsContract {

    private final PostgresServer server = PostgresServer.fromEnvironment();
    private final List<Instance> instances = new ArrayList<>();
    private String database;

    @Override
    protected StoragePorts freshStorage() {
        database = server.createDatabase();
        return startInstance();
    }

    @Override
    protected StoragePorts anotherInstance(StoragePorts first) {
        return startInstance();
    }

    private StoragePorts startInstance() {
        Instance instance = Instance.start(server.urlOf(database), server.user());
        instances.add(instance);
        return instance.ports();
    }

    @AfterEach
    void dropDatabase() {
        instances.forEach(Instance::close);
        if (database != null) {
            server.dropDatabase(database);
        }
    }
}
