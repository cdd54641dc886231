package dev.abkit.server;

import dev.abkit.core.AbKit;
import dev.abkit.core.port.in.CreateExperiment;
import dev.abkit.core.port.in.ExperimentStatistics;
import dev.abkit.core.port.in.ExperimentsForDevice;
import dev.abkit.core.port.in.FindExperiments;
import dev.abkit.core.port.in.StopExperiment;
import dev.abkit.core.port.out.Devices;
import dev.abkit.core.port.out.EnrollmentCounts;
import dev.abkit.core.port.out.Experiments;
import dev.abkit.http.cache.CachingDevices;
import dev.abkit.http.cache.CachingExperiments;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.convert.format.ReadableBytes;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The composition root: builds the core's use cases from the storage adapter's port beans
 * ({@link Experiments}, {@link Devices}, {@link EnrollmentCounts}), with the in-process caches of
 * the mobile path wrapped around them. The core itself knows no framework.
 *
 * <p>The caches are exposed only under their own types ({@code typed}), so the storage adapter's
 * beans stay the only beans of the port types and nobody gets an ambiguous injection.
 */
@Factory
final class AbKitFactory {

    /**
     * Both databases keep instants to the microsecond: with a clock of that resolution, the experiment
     * that the create call answers is exactly the one that later reads return.
     */
    private static final Clock MICROSECOND_CLOCK = Clock.tick(Clock.systemUTC(), Duration.of(1, ChronoUnit.MICROS));

    @Singleton
    @Bean(typed = CachingExperiments.class, preDestroy = "close")
    CachingExperiments cachingExperiments(Experiments experiments,
                                          @Named(TaskExecutors.SCHEDULED) ExecutorService scheduler,
                                          @Value("${abkit.cache.running-refresh:500ms}") Duration refresh) {
        return new CachingExperiments(experiments, (ScheduledExecutorService) scheduler, refresh);
    }

    @Singleton
    @Bean(typed = CachingDevices.class)
    CachingDevices cachingDevices(Devices devices,
                                  @Value("${abkit.cache.device-memory:64MB}") @ReadableBytes long maximumBytes) {
        return new CachingDevices(devices, maximumBytes);
    }

    @Singleton
    AbKit abKit(CachingExperiments experiments, CachingDevices devices, EnrollmentCounts counts) {
        return AbKit.builder()
                .experiments(experiments)
                .devices(devices)
                .enrollmentCounts(counts)
                .clock(MICROSECOND_CLOCK)
                .build();
    }

    @Singleton
    ExperimentsForDevice experimentsForDevice(AbKit abKit) {
        return abKit.experimentsForDevice();
    }

    @Singleton
    CreateExperiment createExperiment(AbKit abKit) {
        return abKit.createExperiment();
    }

    @Singleton
    FindExperiments findExperiments(AbKit abKit) {
        return abKit.findExperiments();
    }

    @Singleton
    StopExperiment stopExperiment(AbKit abKit) {
        return abKit.stopExperiment();
    }

    @Singleton
    ExperimentStatistics experimentStatistics(AbKit abKit) {
        return abKit.statistics();
    }
}
