package dev.abkit.server;

import dev.abkit.core.error.StorageUnavailableException;
import dev.abkit.core.memory.InMemoryDevices;
import dev.abkit.core.memory.InMemoryExperiments;
import dev.abkit.core.memory.InMemorySlotCounters;
import dev.abkit.core.model.Device;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.ShippedExperiments;
import dev.abkit.core.port.out.Devices;
import dev.abkit.core.port.out.Enrollment;
import dev.abkit.core.port.out.EnrollmentCounts;
import dev.abkit.core.port.out.Experiments;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * TEST STAND-IN for the storage adapter (ab-persistence-jdbc), which is not on this branch yet:
 * the core's in-memory adapters with the shipped experiments (R5), behind a switch that simulates
 * a database outage by throwing {@link StorageUnavailableException} as the real adapter does.
 * Once the adapter is merged, delete this class: the tests then run on the real beans, except the
 * outage test, which needs its own way to cut the database.
 */
@Factory
class InMemoryStorageFactory {

    /** Turns the simulated database off and on. */
    @Singleton
    static final class Outage {
        private final AtomicBoolean down = new AtomicBoolean();

        void begin() {
            down.set(true);
        }

        void end() {
            down.set(false);
        }

        void check() {
            if (down.get()) {
                throw new StorageUnavailableException("simulated outage", null);
            }
        }
    }

    @Singleton
    @Bean(typed = Experiments.class)
    Experiments experiments(Outage outage) {
        InMemoryExperiments experiments = new InMemoryExperiments();
        ShippedExperiments.all().forEach(experiments::add);
        return new Experiments() {
            @Override
            public void add(Experiment experiment) {
                outage.check();
                experiments.add(experiment);
            }

            @Override
            public void updateStatus(Experiment experiment) {
                outage.check();
                experiments.updateStatus(experiment);
            }

            @Override
            public Optional<Experiment> find(ExperimentKey key) {
                outage.check();
                return experiments.find(key);
            }

            @Override
            public List<Experiment> all() {
                outage.check();
                return experiments.all();
            }

            @Override
            public List<Experiment> running() {
                outage.check();
                return experiments.running();
            }
        };
    }

    @Singleton
    @Bean(typed = InMemoryDevices.class)
    InMemoryDevices inMemoryDevices() {
        return new InMemoryDevices(new InMemorySlotCounters());
    }

    @Singleton
    @Bean(typed = Devices.class)
    Devices devices(InMemoryDevices devices, Outage outage) {
        return new Devices() {
            @Override
            public Optional<Device> find(DeviceToken token) {
                outage.check();
                return devices.find(token);
            }

            @Override
            public Device registerOnce(DeviceToken token, Instant firstSeen, Enrollment enrollment) {
                outage.check();
                return devices.registerOnce(token, firstSeen, enrollment);
            }
        };
    }

    @Singleton
    @Bean(typed = EnrollmentCounts.class)
    EnrollmentCounts enrollmentCounts(InMemoryDevices devices, Outage outage) {
        return new EnrollmentCounts() {
            @Override
            public long registeredDevices() {
                outage.check();
                return devices.registeredDevices();
            }

            @Override
            public List<OptionCount> optionCounts() {
                outage.check();
                return devices.optionCounts();
            }
        };
    }
}
