package dev.abkit.core.contract;

import dev.abkit.core.memory.InMemoryDevices;
import dev.abkit.core.memory.InMemoryEventStore;
import dev.abkit.core.memory.InMemoryExperiments;
import dev.abkit.core.memory.InMemorySlotCounters;
import dev.abkit.core.model.ShippedExperiments;

/** The reference: the in-memory event store keeps the event store contract. */
class InMemoryEventStoreTest extends EventStoreContract {

    @Override
    protected EventStoragePorts freshEventStorage() {
        InMemoryExperiments experiments = new InMemoryExperiments();
        experiments.addShipped();
        InMemoryDevices devices = new InMemoryDevices(experiments, new InMemorySlotCounters());
        return new EventStoragePorts(experiments, devices, new InMemoryEventStore(devices));
    }
}
