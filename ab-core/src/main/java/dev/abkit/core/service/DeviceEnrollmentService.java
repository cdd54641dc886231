package dev.abkit.core.service;

import dev.abkit.core.model.Assignment;
import dev.abkit.core.model.Device;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.RunningExperiments;
import dev.abkit.core.port.in.ExperimentsForDevice;
import dev.abkit.core.port.out.Devices;
import dev.abkit.core.port.out.Experiments;
import dev.abkit.core.port.out.SlotCounters;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** Serves devices their experiments, registering and enrolling a device at its first request. */
public final class DeviceEnrollmentService implements ExperimentsForDevice {

    private final Experiments experiments;
    private final Devices devices;
    private final Clock clock;
    /**
     * The newest running set this service has seen, from the port or from a registration that found
     * the store ahead of the port's answer: a device is never served by an older set than the one
     * it was enrolled with (R1), even while a cached port has not caught up yet.
     */
    private final AtomicReference<RunningExperiments> newest = new AtomicReference<>(RunningExperiments.none());

    public DeviceEnrollmentService(Experiments experiments, Devices devices, Clock clock) {
        this.experiments = Objects.requireNonNull(experiments, "experiments");
        this.devices = Objects.requireNonNull(devices, "devices");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public List<Assignment> experimentsFor(DeviceToken token) {
        RunningExperiments running = newer(experiments.running());
        Optional<Device> known = devices.find(token);
        if (known.isPresent()) {
            return served(known.get(), running.experiments());
        }
        Device device = devices.registerOnce(token, clock.instant(), running, (current, slots) -> {
            newer(current);
            return enroll(current.experiments(), slots);
        });
        return served(device, newest.get().experiments());
    }

    private RunningExperiments newer(RunningExperiments candidate) {
        RunningExperiments known = newest.get();
        while (candidate.version() > known.version()) {
            if (newest.compareAndSet(known, candidate)) {
                return candidate;
            }
            known = newest.get();
        }
        return known;
    }

    /**
     * R2, R3: a new device joins every experiment running now, each at its next slot, all slots
     * taken in one call.
     */
    static List<Assignment> enroll(List<Experiment> running, SlotCounters slots) {
        List<ExperimentKey> keys = new ArrayList<>(running.size());
        for (Experiment experiment : running) {
            keys.add(experiment.key());
        }
        long[] taken = slots.takeEach(keys);
        List<Assignment> assignments = new ArrayList<>(running.size());
        for (int i = 0; i < taken.length; i++) {
            Experiment experiment = running.get(i);
            assignments.add(new Assignment(experiment.key(), experiment.optionForSlot(taken[i]).value()));
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
