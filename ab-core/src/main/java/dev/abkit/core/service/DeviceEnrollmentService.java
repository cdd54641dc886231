package dev.abkit.core.service;

import dev.abkit.core.model.Assignment;
import dev.abkit.core.model.Device;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.port.in.ExperimentsForDevice;
import dev.abkit.core.port.out.Devices;
import dev.abkit.core.port.out.Experiments;
import dev.abkit.core.port.out.SlotCounters;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Serves devices their experiments, registering and enrolling a device at its first request. */
public final class DeviceEnrollmentService implements ExperimentsForDevice {

    private final Experiments experiments;
    private final Devices devices;
    private final Clock clock;

    public DeviceEnrollmentService(Experiments experiments, Devices devices, Clock clock) {
        this.experiments = Objects.requireNonNull(experiments, "experiments");
        this.devices = Objects.requireNonNull(devices, "devices");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public List<Assignment> experimentsFor(DeviceToken token) {
        List<Experiment> running = experiments.running();
        Device device = devices.find(token)
                .orElseGet(() -> devices.registerOnce(token, clock.instant(), slots -> enroll(running, slots)));
        return served(device, running);
    }

    /** R2, R3: a new device joins every experiment running now, each at its next slot. */
    static List<Assignment> enroll(List<Experiment> running, SlotCounters slots) {
        List<Assignment> assignments = new ArrayList<>(running.size());
        for (Experiment experiment : running) {
            long slot = slots.take(experiment.key());
            assignments.add(new Assignment(experiment.key(), experiment.optionForSlot(slot).value()));
        }
        return assignments;
    }

    /**
     * R1: what the device received, limited to experiments still running, in their creation order.
     * A device never joins an experiment later, so a running experiment it lacks stays absent (R2).
     */
    static List<Assignment> served(Device device, List<Experiment> running) {
        List<Assignment> served = new ArrayList<>(running.size());
        for (Experiment experiment : running) {
            device.valueIn(experiment.key())
                    .ifPresent(value -> served.add(new Assignment(experiment.key(), value)));
        }
        return served;
    }
}
