package dev.abkit.persistence;

import dev.abkit.core.contract.ExportRowsContract;
import dev.abkit.core.contract.ExportStoragePorts;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The export contract on PostgreSQL, in a database of its own per test. */
class PostgresExportRowsTest extends ExportRowsContract {

    @RegisterExtension
    final FreshPostgres database = new FreshPostgres();

    @Override
    protected ExportStoragePorts freshExportStorage() {
        return H2ExportRowsTest.ports(database.start());
    }
}
