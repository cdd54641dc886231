package dev.abkit.core;

import dev.abkit.core.auth.AdminToken;
import dev.abkit.core.memory.InMemoryDevices;
import dev.abkit.core.memory.InMemoryEventStore;
import dev.abkit.core.memory.InMemoryExperiments;
import dev.abkit.core.memory.InMemoryExportRows;
import dev.abkit.core.memory.InMemorySlotCounters;
import dev.abkit.core.port.in.AuthenticateToken;
import dev.abkit.core.port.in.CarryOutSchedules;
import dev.abkit.core.port.in.CloseExperiment;
import dev.abkit.core.port.in.CreateExperiment;
import dev.abkit.core.port.in.EditExperiment;
import dev.abkit.core.port.in.ExperimentStatistics;
import dev.abkit.core.port.in.ExperimentsForDevice;
import dev.abkit.core.port.in.ExportAssignments;
import dev.abkit.core.port.in.ExportEvents;
import dev.abkit.core.port.in.ExportHistory;
import dev.abkit.core.port.in.FindDevice;
import dev.abkit.core.port.in.FindExperiments;
import dev.abkit.core.port.in.ManageTokens;
import dev.abkit.core.port.in.OverrideDevices;
import dev.abkit.core.port.in.ReadAudit;
import dev.abkit.core.port.in.ReadResults;
import dev.abkit.core.port.in.RecordEvents;
import dev.abkit.core.port.in.RecordExposures;
import dev.abkit.core.port.in.ScheduleExperiment;
import dev.abkit.core.port.in.StartExperiment;
import dev.abkit.core.port.in.StopExperiment;
import dev.abkit.core.port.out.AuditLog;
import dev.abkit.core.port.out.DeviceActivity;
import dev.abkit.core.port.out.Devices;
import dev.abkit.core.port.out.EnrollmentCounts;
import dev.abkit.core.port.out.EventStore;
import dev.abkit.core.port.out.Experiments;
import dev.abkit.core.port.out.ExportRows;
import dev.abkit.core.port.out.Tokens;
import dev.abkit.core.service.AuditService;
import dev.abkit.core.service.DeviceEnrollmentService;
import dev.abkit.core.service.DeviceLookupService;
import dev.abkit.core.service.ExperimentAdminService;
import dev.abkit.core.service.ExportService;
import dev.abkit.core.service.OverrideService;
import dev.abkit.core.service.ReadResultsService;
import dev.abkit.core.service.RecordEventsService;
import dev.abkit.core.service.RecordExposuresService;
import dev.abkit.core.service.ScheduleService;
import dev.abkit.core.service.StatisticsService;
import dev.abkit.core.service.TokenService;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * abkit assembled: the use cases, built from a set of ports. To embed abkit without a database:
 * <pre>{@code
 * AbKit abkit = AbKit.inMemory();
 * List<Assignment> mine = abkit.experimentsForDevice().experimentsFor(DeviceToken.of("device-42"));
 * }</pre>
 * or give your own adapters to {@link #builder()}, with the memory of returning devices that makes
 * their answers fast ({@link Builder#rememberDevices}) and, where other instances share the store,
 * a schedule to re-read the running experiments ({@link Builder#refreshRunningExperiments}).
 * {@link #close()} stops that schedule.
 */
public final class AbKit implements AutoCloseable {

    /** What {@link #inMemory()} remembers of returning devices at most. */
    public static final long IN_MEMORY_DEVICE_MEMORY = 64L * 1024 * 1024;

    private final DeviceEnrollmentService enrollment;
    private final ExperimentAdminService admin;
    private final StatisticsService statistics;
    private final DeviceLookupService deviceLookup;
    private final ScheduleService schedules;
    private final OverrideService overrides;
    private final ScheduledFuture<?> refresh;
    /** Null without an event store: abkit then serves devices and admins, and results are not asked of it. */
    private final RecordEventsService recordEvents;
    private final RecordExposuresService recordExposures;
    private final ReadResultsService readResults;
    /** Null without a token store: the kit then knows no personal tokens and no bootstrap admin. */
    private final TokenService tokens;
    /** Null without export rows: abkit then has no exports. */
    private final ExportService exports;
    /** Null without an audit log: the stores still record every change, but this kit does not read them. */
    private final AuditService audit;

    private AbKit(Builder builder) {
        this.enrollment = new DeviceEnrollmentService(builder.experiments, builder.devices, builder.clock,
                builder.deviceMemory, builder.activity);
        this.admin = new ExperimentAdminService(builder.experiments, builder.clock, builder.seeds,
                enrollment::refreshRunningExperiments);
        this.statistics = new StatisticsService(builder.experiments, builder.counts, builder.clock);
        this.deviceLookup = new DeviceLookupService(builder.experiments, builder.devices);
        this.overrides = new OverrideService(builder.experiments, builder.clock, enrollment::refreshRunningExperiments);
        this.schedules = new ScheduleService(builder.experiments, builder.clock, enrollment::refreshRunningExperiments);
        EventStore events = builder.events;
        this.recordEvents = events == null ? null : new RecordEventsService(builder.devices, events);
        this.recordExposures = events == null ? null
                : new RecordExposuresService(builder.devices, builder.experiments, events);
        this.readResults = events == null ? null : new ReadResultsService(builder.experiments, events, builder.clock);
        this.tokens = builder.tokens == null ? null
                : new TokenService(builder.tokens, builder.bootstrapAdmin, builder.clock, Builder.SEEDS);
        this.exports = builder.exportRows == null ? null
                : new ExportService(builder.experiments, builder.exportRows, builder.auditLog);
        this.audit = builder.auditLog == null ? null : new AuditService(builder.auditLog, builder.experiments);
        this.refresh = builder.refreshScheduler == null ? null : builder.refreshScheduler.scheduleWithFixedDelay(
                this::refreshQuietly, 0, builder.refreshEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A schedule must survive a store that is down for a while: the next run tries again. */
    private void refreshQuietly() {
        try {
            enrollment.refreshRunningExperiments();
        } catch (RuntimeException unavailable) {
            // runningExperimentsReadAt() shows how long it has failed
        }
    }

    /** abkit on the in-memory adapters, with the two shipped experiments running (R5). */
    public static AbKit inMemory() {
        return inMemory(Clock.systemUTC());
    }

    /** abkit on the in-memory adapters, with the two shipped experiments running (R5). */
    public static AbKit inMemory(Clock clock) {
        InMemoryExperiments experiments = new InMemoryExperiments().addShipped();
        InMemoryDevices devices = new InMemoryDevices(experiments, new InMemorySlotCounters());
        InMemoryEventStore events = new InMemoryEventStore(devices, clock);
        return builder().experiments(experiments).devices(devices).enrollmentCounts(devices)
                .eventStore(events).exportRows(new InMemoryExportRows(experiments, devices, events))
                .auditLog(experiments.auditLog()).clock(clock).rememberDevices(IN_MEMORY_DEVICE_MEMORY).build();
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

    public StartExperiment startExperiment() {
        return admin;
    }

    public ScheduleExperiment scheduleExperiment() {
        return admin;
    }

    public CloseExperiment closeExperiment() {
        return admin;
    }

    public EditExperiment editExperiment() {
        return admin;
    }

    /**
     * Starts and ends experiments whose schedule has come: call it every fraction of a second (the
     * server does, every {@code abkit.schedule.check-every}); without calls, schedules stay undone.
     */
    public CarryOutSchedules carryOutSchedules() {
        return schedules;
    }

    /** QA overrides: force a device into an option (R9). */
    public OverrideDevices overrideDevices() {
        return overrides;
    }

    public ExperimentStatistics statistics() {
        return statistics;
    }

    public FindDevice findDevice() {
        return deviceLookup;
    }

    /** @throws IllegalStateException if this kit was built without an {@link Builder#eventStore event store} */
    public RecordEvents recordEvents() {
        return withEventStore(recordEvents);
    }

    /** @throws IllegalStateException if this kit was built without an {@link Builder#eventStore event store} */
    public RecordExposures recordExposures() {
        return withEventStore(recordExposures);
    }

    /** @throws IllegalStateException if this kit was built without an {@link Builder#eventStore event store} */
    public ReadResults readResults() {
        return withEventStore(readResults);
    }

    /** @throws IllegalStateException if this kit was built without {@link Builder#tokens tokens} */
    public ManageTokens manageTokens() {
        return withTokens(tokens);
    }

    /** @throws IllegalStateException if this kit was built without {@link Builder#tokens tokens} */
    public AuthenticateToken authenticateToken() {
        return withTokens(tokens);
    }

    /** @throws IllegalStateException if this kit was built without an {@link Builder#auditLog audit log} */
    public ReadAudit readAudit() {
        if (audit == null) {
            throw new IllegalStateException("this AbKit has no audit log: give one to AbKit.builder().auditLog(...)"
                    + " to read the audit trail its stores write");
        }
        return audit;
    }

    private static <T> T withTokens(T useCase) {
        if (useCase == null) {
            throw new IllegalStateException("this AbKit has no token store: give one to AbKit.builder().tokens(...)"
                    + " to authenticate admins and manage their personal tokens");
        }
        return useCase;
    }

    /** @throws IllegalStateException if this kit was built without {@link Builder#exportRows export rows} */
    public ExportAssignments exportAssignments() {
        return withExportRows(exports);
    }

    /** @throws IllegalStateException if this kit was built without {@link Builder#exportRows export rows} */
    public ExportHistory exportHistory() {
        return withExportRows(exports);
    }

    /** @throws IllegalStateException if this kit was built without {@link Builder#exportRows export rows} */
    public ExportEvents exportEvents() {
        return withExportRows(exports);
    }

    private static <T> T withExportRows(T useCase) {
        if (useCase == null) {
            throw new IllegalStateException("this AbKit has no export rows: give them to AbKit.builder().exportRows(...)"
                    + " to export assignments, history and events");
        }
        return useCase;
    }

    private static <T> T withEventStore(T useCase) {
        if (useCase == null) {
            throw new IllegalStateException("this AbKit has no event store: give one to AbKit.builder().eventStore(...)"
                    + " to record events and exposures and read results");
        }
        return useCase;
    }

    /**
     * When the running experiments were last read from the store for the answers from memory;
     * {@code null} if never. A time long past means the store has been unreachable since.
     */
    public Instant runningExperimentsReadAt() {
        return enrollment.runningExperimentsReadAt();
    }

    /** Stops re-reading the running experiments; the use cases still work. */
    @Override
    public void close() {
        if (refresh != null) {
            refresh.cancel(false);
        }
    }

    /** Collects the ports; {@link #build()} checks that every one is there. */
    public static final class Builder {

        private static final SecureRandom SEEDS = new SecureRandom();

        private Experiments experiments;
        private Devices devices;
        private EnrollmentCounts counts;
        private Clock clock = Clock.systemUTC();
        private LongSupplier seeds = SEEDS::nextLong;
        private long deviceMemory;
        private ScheduledExecutorService refreshScheduler;
        private Duration refreshEvery;
        private DeviceActivity activity = DeviceActivity.NONE;
        private EventStore events;
        private Tokens tokens;
        private AdminToken bootstrapAdmin;
        private ExportRows exportRows;
        private AuditLog auditLog;

        private Builder() {
        }

        /**
         * Where the audit trail is read (decision 19); optional, but needed with {@link #exportRows} (the history
         * export reads experiments' ends from it): the stores record every change whether or not, and without
         * it asking for {@link AbKit#readAudit()} fails.
         */
        public Builder auditLog(AuditLog log) {
            this.auditLog = log;
            return this;
        }

        /** What the exports stream (issue 15); optional: without them, asking for an export use case fails. */
        public Builder exportRows(ExportRows rows) {
            this.exportRows = rows;
            return this;
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

        /**
         * Where events and exposures are kept and results read from; optional: without one, the kit serves devices
         * and admins, and asking it for {@link AbKit#recordEvents()}, {@link AbKit#recordExposures()} or
         * {@link AbKit#readResults()} fails.
         */
        public Builder eventStore(EventStore events) {
            this.events = events;
            return this;
        }

        /**
         * Where personal tokens are kept, and the bootstrap admin token ({@code AB_ADMIN_TOKEN}) that is always
         * an admin; optional: without them, asking for {@link AbKit#manageTokens()} or
         * {@link AbKit#authenticateToken()} fails.
         */
        public Builder tokens(Tokens tokens, AdminToken bootstrapAdmin) {
            this.tokens = Objects.requireNonNull(tokens, "tokens");
            this.bootstrapAdmin = Objects.requireNonNull(bootstrapAdmin, "bootstrapAdmin");
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

        /**
         * Answers returning devices from memory, which may take up to {@code bytes} (a device with
         * two experiments and a 36-character token takes about 60). Default: 0, every answer from
         * the store. The running experiments those answers use are re-read after each change made
         * through this AbKit, and on the schedule of {@link #refreshRunningExperiments}.
         */
        public Builder rememberDevices(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("device memory must not be negative (got " + bytes + ")");
            }
            this.deviceMemory = bytes;
            return this;
        }

        /**
         * Re-reads the running experiments every {@code every} on {@code scheduler}: needed where other
         * instances change them, so that an experiment stopped there stops being served here too.
         */
        public Builder refreshRunningExperiments(ScheduledExecutorService scheduler, Duration every) {
            if (every.isNegative() || every.isZero()) {
                throw new IllegalArgumentException("the refresh period must be positive (got " + every + ")");
            }
            this.refreshScheduler = Objects.requireNonNull(scheduler, "scheduler");
            this.refreshEvery = every;
            return this;
        }

        /** Tells {@code activity} how each device was answered (for metrics); defaults to {@link DeviceActivity#NONE}. */
        public Builder reportDeviceActivity(DeviceActivity activity) {
            this.activity = Objects.requireNonNull(activity, "activity");
            return this;
        }

        public AbKit build() {
            Objects.requireNonNull(experiments, "experiments port is missing");
            Objects.requireNonNull(devices, "devices port is missing");
            Objects.requireNonNull(counts, "enrollmentCounts port is missing");
            Objects.requireNonNull(clock, "clock is missing");
            Objects.requireNonNull(seeds, "seeds are missing");
            if (exportRows != null && auditLog == null) {
                // The history export reads experiments' ends from the trail; without it, ends made by hand would
                // be missing from it without a word.
                throw new IllegalStateException("export rows need the audit log too: give AbKit.builder().auditLog(...)"
                        + " the trail your experiments store writes (JdbcStorage.auditLog(), InMemoryExperiments.auditLog())");
            }
            return new AbKit(this);
        }
    }

}
