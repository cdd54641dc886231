package dev.abkit.persistence;

import dev.abkit.core.contract.StoragePorts;
import dev.abkit.core.contract.StoragePortsContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The storage contract on the embedded H2 database file, the default without AB_DB_URL. */
class H2StoragePortsTest extends StoragePortsContract {

    @TempDir
    Path directory;
    private final List<Instance> instances = new ArrayList<>();

    @Override
    protected StoragePorts freshStorage() {
        return startInstance();
    }

    /** Two pools on one H2 file: H2 serves both from one embedded engine in this JVM. */
    @Override
    protected StoragePorts anotherInstance(StoragePorts first) {
        return startInstance();
    }

    private StoragePorts startInstance() {
        Instance instance = Instance.start(H2Files.urlOf(directory), "");
        instances.add(instance);
        return instance.ports();
    }

    @AfterEach
    void closeInstances() {
        instances.forEach(Instance::close);
    }
}
