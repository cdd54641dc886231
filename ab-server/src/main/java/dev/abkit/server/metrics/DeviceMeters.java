package dev.abkit.server.metrics;

import dev.abkit.core.model.Assignment;
import dev.abkit.core.model.Device;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.port.out.DeviceActivity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Counts what the mobile use case tells: answers from the memory of returning devices (hits) and from
 * storage (misses), registrations, enrolments per experiment and option, and devices left out of an
 * experiment by its coverage (R7), which have no option to be tagged with. The counters are looked
 * up once, not per request; the answer from memory only increments one.
 */
@Singleton
final class DeviceMeters implements DeviceActivity {

    private final MeterRegistry registry;
    private final Counter fromMemory;
    private final Counter fromStorage;
    private final Counter registrations;
    /** Bounded: at most 20 options per experiment, and experiments are created by the admin only. */
    private final ConcurrentMap<Assignment, Counter> enrolments = new ConcurrentHashMap<>();
    private final ConcurrentMap<ExperimentKey, Counter> leftOut = new ConcurrentHashMap<>();

    DeviceMeters(MeterRegistry registry) {
        this.registry = registry;
        this.fromMemory = Counter.builder("abkit.device.memory.hits")
                .description("Returning devices answered from memory, without the database").register(registry);
        this.fromStorage = Counter.builder("abkit.device.memory.misses")
                .description("Devices registered before but answered from the database: not (or no longer) in memory")
                .register(registry);
        this.registrations = Counter.builder("abkit.registrations")
                .description("New devices registered by this instance").register(registry);
    }

    @Override
    public void answeredFromMemory() {
        fromMemory.increment();
    }

    @Override
    public void answeredFromStorage() {
        fromStorage.increment();
    }

    @Override
    public void registered(Device device) {
        registrations.increment();
        for (Assignment assignment : device.assignments()) {
            if (assignment.isLeftOut()) {
                leftOut.computeIfAbsent(assignment.experiment(), this::leftOutCounter).increment();
            } else {
                enrolments.computeIfAbsent(assignment, this::enrolmentCounter).increment();
            }
        }
    }

    private Counter leftOutCounter(ExperimentKey experiment) {
        return Counter.builder("abkit.left.out")
                .description("New devices this instance left out of an experiment by its coverage")
                .tag("experiment", experiment.value())
                .register(registry);
    }

    private Counter enrolmentCounter(Assignment assignment) {
        return Counter.builder("abkit.enrolments")
                .description("Devices this instance enrolled, by experiment and option")
                .tag("experiment", assignment.experiment().value())
                .tag("option", assignment.value())
                .register(registry);
    }
}
