package dev.abkit.persistence;

import dev.abkit.core.contract.EventStoragePorts;
import dev.abkit.core.contract.EventStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The event store contract on PostgreSQL, in a database of its own per test. */
class PostgresEventStoreTest extends EventStoreContract {

    @RegisterExtension
    final FreshPostgres database = new FreshPostgres();

    @Override
    protected EventStoragePorts freshEventStorage() {
        return ContractTime.ports(database.start(store -> Instance.start(store.url(), store.user(), pool -> { },
                pool -> pool, ContractTime.retention(NOW))));
    }
}
