package dev.abkit.core.memory;

import dev.abkit.core.model.Assignment;
import dev.abkit.core.model.Device;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.port.out.Devices;
import dev.abkit.core.port.out.Enrollment;
import dev.abkit.core.port.out.EnrollmentCounts;
import dev.abkit.core.port.out.SlotCounters;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Devices in memory, with counts kept as they register so statistics never scan. Registration runs
 * inside {@link ConcurrentHashMap#computeIfAbsent}: one caller per token enrolls, the others wait for
 * and get its result, and a failing enrollment stores nothing (its slots are lost, see the port).
 */
public final class InMemoryDevices implements Devices, EnrollmentCounts {

    private final ConcurrentHashMap<DeviceToken, Device> devices = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ExperimentKey, ConcurrentHashMap<String, LongAdder>> counts = new ConcurrentHashMap<>();
    private final SlotCounters slots;

    public InMemoryDevices(SlotCounters slots) {
        this.slots = Objects.requireNonNull(slots, "slots");
    }

    @Override
    public Optional<Device> find(DeviceToken token) {
        return Optional.ofNullable(devices.get(token));
    }

    @Override
    public Device registerOnce(DeviceToken token, Instant firstSeen, Enrollment enrollment) {
        Device known = devices.get(token);
        if (known != null) {
            return known;
        }
        return devices.computeIfAbsent(token, newToken -> {
            Device device = new Device(newToken, firstSeen, enrollment.assign(slots));
            device.assignments().forEach(this::count);
            return device;
        });
    }

    private void count(Assignment assignment) {
        counts.computeIfAbsent(assignment.experiment(), key -> new ConcurrentHashMap<>())
                .computeIfAbsent(assignment.value(), value -> new LongAdder())
                .increment();
    }

    @Override
    public long registeredDevices() {
        return devices.mappingCount();
    }

    @Override
    public List<OptionCount> optionCounts() {
        List<OptionCount> result = new ArrayList<>();
        for (Map.Entry<ExperimentKey, ConcurrentHashMap<String, LongAdder>> experiment : counts.entrySet()) {
            for (Map.Entry<String, LongAdder> option : experiment.getValue().entrySet()) {
                result.add(new OptionCount(experiment.getKey(), option.getKey(), option.getValue().sum()));
            }
        }
        return result;
    }
}
