package dev.abkit.core.contract;

import dev.abkit.core.memory.InMemoryDevices;
import dev.abkit.core.memory.InMemoryExperiments;
import dev.abkit.core.memory.InMemorySlotCounters;
import dev.abkit.core.model.ShippedExperiments;

/** The reference: the in-memory adapters keep the storage contract. */
class InMemoryStoragePortsTest extends StoragePortsContract {

    @Override
    protected StoragePorts freshStorage() {
        InMemoryExperiments experiments = new InMemoryExperiments();
        experiments.addShipped();
        InMemoryDevices devices = new InMemoryDevices(experiments, new InMemorySlotCounters());
        return new StoragePorts(experiments, devices, devices, () -> { });
    }

    /** One JVM's memory has no second instance: both "instances" share the same adapters. */
    @Override
    protected StoragePorts anotherInstance(StoragePorts first) {
        return first;
    }
}
