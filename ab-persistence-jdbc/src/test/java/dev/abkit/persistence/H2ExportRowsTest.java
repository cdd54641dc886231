package dev.abkit.persistence;

import dev.abkit.core.contract.ExportRowsContract;
import dev.abkit.core.contract.ExportStoragePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The export contract on the embedded H2 database file. */
class H2ExportRowsTest extends ExportRowsContract {

    @TempDir
    Path directory;
    private Instance instance;

    @Override
    protected ExportStoragePorts freshExportStorage() {
        instance = Instance.start(H2Files.urlOf(directory), "");
        return ports(instance);
    }

    static ExportStoragePorts ports(Instance instance) {
        JdbcStorage storage = instance.storage();
        return new ExportStoragePorts(storage.experiments(), storage.devices(), storage.eventStore(), storage.exportRows(),
                storage.auditLog());
    }

    @AfterEach
    void closeInstance() {
        if (instance != null) {
            instance.close();
        }
    }
}
