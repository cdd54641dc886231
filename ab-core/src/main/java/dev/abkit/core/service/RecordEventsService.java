package dev.abkit.core.service;

import dev.abkit.core.error.UnknownDeviceException;
import dev.abkit.core.event.EventBatch;
import dev.abkit.core.model.Device;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.port.in.Ingested;
import dev.abkit.core.port.in.RecordEvents;
import dev.abkit.core.port.out.Devices;
import dev.abkit.core.port.out.EventStore;

import java.util.Objects;

/**
 * Stores a registered device's events, each once. Events never register a device: a device is registered by
 * asking for its experiments, and an event of a token never seen has no assignment to count against.
 */
public final class RecordEventsService implements RecordEvents {

    private final Devices devices;
    private final EventStore events;

    public RecordEventsService(Devices devices, EventStore events) {
        this.devices = Objects.requireNonNull(devices, "devices");
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public Ingested record(EventBatch batch) {
        Device device = registered(devices, batch.events().get(0).device());
        int storedBefore = events.store(device, batch);
        return new Ingested(batch.events().size() - storedBefore, batch.duplicates() + storedBefore);
    }

    /** @throws UnknownDeviceException if {@code token} was never seen */
    static Device registered(Devices devices, DeviceToken token) {
        return devices.find(token).orElseThrow(() -> new UnknownDeviceException(token));
    }
}
