package dev.abkit.server;

import dev.abkit.core.AbKit;
import dev.abkit.core.auth.AdminToken;
import dev.abkit.core.port.in.AuthenticateToken;
import dev.abkit.core.port.in.ManageTokens;
import dev.abkit.core.port.in.CloseExperiment;
import dev.abkit.core.port.in.CreateExperiment;
import dev.abkit.core.port.in.EditExperiment;
import dev.abkit.core.port.in.ScheduleExperiment;
import dev.abkit.core.port.in.StartExperiment;
import dev.abkit.core.port.in.ExperimentStatistics;
import dev.abkit.core.port.in.ExperimentsForDevice;
import dev.abkit.core.port.in.ExportAssignments;
import dev.abkit.core.port.in.ExportEvents;
import dev.abkit.core.port.in.ExportHistory;
import dev.abkit.core.port.in.FindDevice;
import dev.abkit.core.port.in.FindExperiments;
import dev.abkit.core.port.in.OverrideDevices;
import dev.abkit.core.port.in.ReadAudit;
import dev.abkit.core.port.in.ReadResults;
import dev.abkit.core.port.in.RecordEvents;
import dev.abkit.core.port.in.RecordExposures;
import dev.abkit.core.port.in.StopExperiment;
import dev.abkit.core.port.out.DeviceActivity;
import dev.abkit.persistence.JdbcStorage;
import dev.abkit.server.metrics.EventMeters;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.convert.format.ReadableBytes;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The composition root: builds the storage adapter on the configured {@link DataSource} (which
 * migrates the schema first), and the core's use cases from its ports, with the in-process caches
 * of the mobile path wrapped around them. Neither the core nor the storage adapter knows a
 * framework: this factory is where Micronaut meets them.
 *
 * <p>No bean of a storage port type exists: the web adapters reach the core only through its use
 * cases, and the core's memory of returning devices cannot be bypassed by injection.
 */
@Factory
final class AbKitFactory {

    /**
     * Both databases keep instants to the microsecond: with a clock of that resolution, the experiment
     * that the create call answers is exactly the one that later reads return.
     */
    private static final Clock MICROSECOND_CLOCK = Clock.tick(Clock.systemUTC(), Duration.of(1, ChronoUnit.MICROS));

    @Singleton
    JdbcStorage storage(DataSource dataSource, EventRetentionSetting retention, AnalystScansSetting analystScans) {
        return JdbcStorage.migrated(dataSource, retention.retention(), analystScans.limits());
    }

    /**
     * The core with its memory of returning devices, bounded by {@code abkit.cache.device-memory}, and
     * the running experiments re-read every {@code abkit.cache.running-refresh}, so that a stop made
     * through another instance reaches this one's remembered devices; how each device is answered is
     * counted for {@code /metrics}.
     */
    @Singleton
    @Bean(preDestroy = "close")
    AbKit abKit(JdbcStorage storage, AdminToken bootstrapAdmin, @Named(TaskExecutors.SCHEDULED) ExecutorService scheduler,
                @Value("${abkit.cache.device-memory:64MB}") @ReadableBytes long deviceMemory,
                @Value("${abkit.cache.running-refresh:500ms}") Duration refresh, DeviceActivity metrics) {
        return AbKit.builder()
                .experiments(storage.experiments())
                .devices(storage.devices())
                .enrollmentCounts(storage.enrollmentCounts())
                .eventStore(storage.eventStore())
                .tokens(storage.tokens(), bootstrapAdmin)
                .exportRows(storage.exportRows())
                .auditLog(storage.auditLog())
                .clock(MICROSECOND_CLOCK)
                .rememberDevices(deviceMemory)
                .refreshRunningExperiments((ScheduledExecutorService) scheduler, refresh)
                .reportDeviceActivity(metrics)
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
    StartExperiment startExperiment(AbKit abKit) {
        return abKit.startExperiment();
    }

    @Singleton
    ScheduleExperiment scheduleExperiment(AbKit abKit) {
        return abKit.scheduleExperiment();
    }

    @Singleton
    CloseExperiment closeExperiment(AbKit abKit) {
        return abKit.closeExperiment();
    }

    @Singleton
    EditExperiment editExperiment(AbKit abKit) {
        return abKit.editExperiment();
    }

    @Singleton
    ExperimentStatistics experimentStatistics(AbKit abKit) {
        return abKit.statistics();
    }

    @Singleton
    FindDevice findDevice(AbKit abKit) {
        return abKit.findDevice();
    }

    @Singleton
    OverrideDevices overrideDevices(AbKit abKit) {
        return abKit.overrideDevices();
    }

    /** Who a request's token belongs to: every admin, statistics and metrics request asks the store (decision 16). */
    @Singleton
    AuthenticateToken authenticateToken(AbKit abKit) {
        return abKit.authenticateToken();
    }

    @Singleton
    ManageTokens manageTokens(AbKit abKit) {
        return abKit.manageTokens();
    }

    /** The events use case, its answers counted for {@code /metrics}. */
    @Singleton
    RecordEvents recordEvents(AbKit abKit, EventMeters meters) {
        return meters.counting(abKit.recordEvents());
    }

    @Singleton
    RecordExposures recordExposures(AbKit abKit) {
        return abKit.recordExposures();
    }

    /** The results API and the results view of /stats read through it, from the event store given above. */
    @Singleton
    ReadResults readResults(AbKit abKit) {
        return abKit.readResults();
    }

    @Singleton
    ExportAssignments exportAssignments(AbKit abKit) {
        return abKit.exportAssignments();
    }

    @Singleton
    ExportHistory exportHistory(AbKit abKit) {
        return abKit.exportHistory();
    }

    @Singleton
    ExportEvents exportEvents(AbKit abKit) {
        return abKit.exportEvents();
    }

    /** The audit trail that the stores write with each change (decision 19), for the admin API and /stats. */
    @Singleton
    ReadAudit readAudit(AbKit abKit) {
        return abKit.readAudit();
    }
}
