package dev.abkit.core.contract;

import dev.abkit.core.memory.InMemoryDevices;
import dev.abkit.core.memory.InMemoryEventStore;
import dev.abkit.core.memory.InMemoryExperiments;
import dev.abkit.core.memory.InMemoryExportRows;
import dev.abkit.core.memory.InMemorySlotCounters;
import dev.abkit.core.model.ShippedExperiments;

/** The reference: the in-memory stores keep the export contract. */
class InMemoryExportRowsTest extends ExportRowsContract {

    @Override
    protected ExportStoragePorts freshExportStorage() {
        InMemoryExperiments experiments = new InMemoryExperiments().addShipped();
        InMemoryDevices devices = new InMemoryDevices(experiments, new InMemorySlotCounters());
        InMemoryEventStore events = new InMemoryEventStore(devices);
        return new ExportStoragePorts(experiments, devices, events, new InMemoryExportRows(experiments, devices, events),
                experiments.auditLog());
    }
}
