package dev.abkit.core.model;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A device as its store keeps it: the device, and the slot each of its assignments took in its
 * experiment (R3), by experiment. What an audit or a lookup reads; the mobile path never needs slots.
 */
public record StoredDevice(Device device, Map<ExperimentKey, Long> slots) {

    public StoredDevice {
        Objects.requireNonNull(device, "device");
        slots = Map.copyOf(slots);
        Set<ExperimentKey> assigned = device.assignments().stream().map(Assignment::experiment).collect(Collectors.toSet());
        if (!assigned.equals(slots.keySet())) {
            throw new IllegalArgumentException("every assignment has exactly one slot (assignments in " + assigned
                    + ", slots in " + slots.keySet() + ")");
        }
        slots.values().forEach(slot -> {
            if (slot < 0) {
                throw new IllegalArgumentException("a slot is never negative (got " + slot + ")");
            }
        });
    }

    public long slotIn(ExperimentKey experiment) {
        Long slot = slots.get(experiment);
        if (slot == null) {
            throw new IllegalArgumentException("device " + device.token() + " has no assignment in " + experiment);
        }
        return slot;
    }
}
