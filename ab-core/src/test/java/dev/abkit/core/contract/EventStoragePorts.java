package dev.abkit.core.contract;

import dev.abkit.core.port.out.Devices;
import dev.abkit.core.port.out.EventStore;
import dev.abkit.core.port.out.Experiments;

/**
 * The ports {@link EventStoreContract} needs of one fresh store: experiments and devices to register devices through
 * the core, and the event store under test, on the same store (it reads the devices' assignments).
 */
public record EventStoragePorts(Experiments experiments, Devices devices, EventStore events) {
}
