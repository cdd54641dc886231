package dev.abkit.persistence;

import dev.abkit.core.contract.AuditTrailContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The audit trail contract on the embedded H2 database file. */
class H2AuditTrailTest extends AuditTrailContract {

    @TempDir
    Path directory;
    private Instance instance;

    @Override
    protected TrailPorts freshPorts() {
        instance = Instance.start(H2Files.urlOf(directory), "");
        JdbcStorage storage = instance.storage();
        return new TrailPorts(storage.experiments(), storage.tokens(), storage.auditLog());
    }

    @AfterEach
    void closeInstance() {
        instance.close();
    }
}
