package dev.abkit.persistence;

import dev.abkit.core.contract.EventStoragePorts;
import dev.abkit.core.contract.EventStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The event store contract on the embedded H2 database file. */
class H2EventStoreTest extends EventStoreContract {

    @TempDir
    Path directory;
    private Instance instance;

    @Override
    protected EventStoragePorts freshEventStorage() {
        instance = Instance.start(H2Files.urlOf(directory), "", pool -> { }, pool -> pool, ContractTime.retention(NOW));
        return ContractTime.ports(instance);
    }

    @AfterEach
    void closeInstance() {
        if (instance != null) {
            instance.close();
        }
    }
}
