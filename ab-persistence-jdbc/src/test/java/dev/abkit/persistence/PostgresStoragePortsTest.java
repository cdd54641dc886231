package dev.abkit.persistence;

import dev.abkit.core.contract.StoragePorts;
import dev.abkit.core.contract.StoragePortsContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The storage contract on PostgreSQL, in a database of its own per test. */
class PostgresStoragePortsTest extends StoragePortsContract {

    @RegisterExtension
    final FreshPostgres database = new FreshPostgres();

    @Override
    protected StoragePorts freshStorage() {
        return database.start().ports();
    }

    @Override
    protected StoragePorts anotherInstance(StoragePorts first) {
        return database.start().ports();
    }
}
