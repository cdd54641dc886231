package dev.abkit.core;

import dev.abkit.core.memory.InMemoryDevices;
import dev.abkit.core.memory.InMemoryExperiments;
import dev.abkit.core.memory.InMemorySlotCounters;
import dev.abkit.core.model.ShippedExperiments;
import dev.abkit.core.port.in.CreateExperiment;
import dev.abkit.core.port.in.ExperimentStatistics;
import dev.abkit.core.port.in.ExperimentsForDevice;
import dev.abkit.core.port.in.FindExperiments;
import dev.abkit.core.port.in.StopExperiment;
import dev.abkit.core.port.out.Devices;
import dev.abkit.core.port.out.EnrollmentCounts;
import dev.abkit.core.port.out.Experiments;
import dev.abkit.core.service.DeviceEnrollmentService;
import dev.abkit.core.service.ExperimentAdminService;
import dev.abkit.core.service.StatisticsService;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * abkit assembled: the use cases, built from a set of ports. To embed abkit without a database:
 * <pre>{@code
 * AbKit abkit = AbKit.inMemory();
 * List<Assignment> mine = abkit.experimentsForDevice().experimentsFor(DeviceToken.of("device-42"));
 * }</pre>
 * or give your own adapters to {@link #builder()}.
 */
public final class AbKit {

    private final DeviceEnrollmentService enrollment;
    private final ExperimentAdminService admin;
    private final StatisticsService statistics;

    private AbKit(Builder builder) {
        this.enrollment = new DeviceEnrollmentService(builder.experiments, builder.devices, builder.clock);
        this.admin = new ExperimentAdminService(builder.experiments, builder.clock, builder.seeds);
        this.statistics = new StatisticsService(builder.experiments, builder.counts, builder.clock);
    }

    /** abkit on the in-memory adapters, with the two shipped experiments running (R5). */
    public static AbKit inMemory() {
        return inMemory(Clock.systemUTC());
    }

    /** abkit on the in-memory adapters, with the two shipped experiments running (R5). */
    public static AbKit inMemory(Clock clock) {
        InMemoryExperiments experiments = new InMemoryExperiments();
        ShippedExperiments.all().forEach(experiments::add);
        InMemoryDevices devices = new InMemoryDevices(experiments, new InMemorySlotCounters());
        return builder().experiments(experiments).devices(devices).enrollmentCounts(devices).clock(clock).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public ExperimentsForDevice experimentsForDevice() {
        return enrollment;
    }

    public CreateExperiment createExperiment() {
        return admin;
    }

    public FindExperiments findExperiments() {
        return admin;
    }

    public StopExperiment stopExperiment() {
        return admin;
    }

    public ExperimentStatistics statistics() {
        return statistics;
    }

    /** Collects the ports; {@link #build()} checks that every one is there. */
    public static final class Builder {

        private static final SecureRandom SEEDS = new SecureRandom();

        private Experiments experiments;
        private Devices devices;
        private EnrollmentCounts counts;
        private Clock clock = Clock.systemUTC();
        private LongSupplier seeds = SEEDS::nextLong;

        private Builder() {
        }

        public Builder experiments(Experiments experiments) {
            this.experiments = experiments;
            return this;
        }

        public Builder devices(Devices devices) {
            this.devices = devices;
            return this;
        }

        public Builder enrollmentCounts(EnrollmentCounts counts) {
            this.counts = counts;
            return this;
        }

        /** Defaults to UTC system time. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** The allocation seed of each new experiment; defaults to {@link SecureRandom}. */
        public Builder seeds(LongSupplier seeds) {
            this.seeds = seeds;
            return this;
        }

        public AbKit build() {
            Objects.requireNonNull(experiments, "experiments port is missing");
            Objects.requireNonNull(devices, "devices port is missing");
            Objects.requireNonNull(counts, "enrollmentCounts port is missing");
            Objects.requireNonNull(clock, "clock is missing");
            Objects.requireNonNull(seeds, "seeds are missing");
            return new AbKit(this);
        }
    }

}
