package dev.abkit.persistence;

import dev.abkit.core.port.out.Devices;
import dev.abkit.core.port.out.EnrollmentCounts;
import dev.abkit.core.port.out.EventStore;
import dev.abkit.core.port.out.Experiments;
import dev.abkit.core.port.out.Tokens;
import dev.abkit.core.port.out.AuditLog;
import dev.abkit.core.port.out.ExportRows;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * abkit's storage on a {@link DataSource} of the caller's: PostgreSQL, or H2 in PostgreSQL mode.
 * Plain JDBC, no framework: a JVM service embeds abkit on the same database as running abkit
 * servers, and both see the same devices, slots and experiments.
 * <pre>{@code
 * JdbcStorage storage = JdbcStorage.migrated(dataSource);
 * AbKit abkit = AbKit.builder()
 *         .experiments(storage.experiments())
 *         .devices(storage.devices())
 *         .enrollmentCounts(storage.enrollmentCounts())
 *         .eventStore(storage.eventStore())
 *         .tokens(storage.tokens(), AdminToken.of(bootstrapAdminToken))
 *         .exportRows(storage.exportRows())
 *         .auditLog(storage.auditLog())
 *         .build();
 * scheduler.scheduleWithFixedDelay(storage::checkLostSlots, 1, 1, TimeUnit.SECONDS);
 * scheduler.scheduleWithFixedDelay(storage::maintainEvents, 0, 1, TimeUnit.DAYS);
 * }</pre>
 * The ports throw only the core's exceptions: {@code StorageUnavailableException} when the
 * database cannot be reached, {@code StorageFailureException} when it refuses a statement.
 */
public final class JdbcStorage {

    private final JdbcExperiments experiments;
    private final JdbcDevices devices;
    private final JdbcEnrollmentCounts counts;
    private final LostSlots lostSlots;
    private final AnalystScans analystScans;
    private final JdbcEventStore events;
    private final EventPartitions eventPartitions;
    private final JdbcTokens tokens;
    private final JdbcExportRows exportRows;
    private final JdbcAuditLog auditLog;

    private JdbcStorage(DataSource dataSource, EventRetention retention, AnalystScanLimits analystScans) {
        Objects.requireNonNull(analystScans, "analystScans");
        Database database = new Database(Objects.requireNonNull(dataSource, "dataSource"));
        this.analystScans = new AnalystScans(database, analystScans);
        ExperimentCatalog catalog = new ExperimentCatalog(database);
        SlotSequences sequences = new SlotSequences();
        FreeSlots freeSlots = new FreeSlots();
        this.experiments = new JdbcExperiments(database, catalog, sequences);
        this.devices = new JdbcDevices(database, catalog, sequences, freeSlots, new Stripes());
        this.counts = new JdbcEnrollmentCounts(database);
        this.lostSlots = new LostSlots(database, catalog, sequences, freeSlots);
        this.events = new JdbcEventStore(database, new Stripes(), retention, this.analystScans, sequences);
        this.eventPartitions = new EventPartitions(database, retention);
        this.tokens = new JdbcTokens(database);
        this.exportRows = new JdbcExportRows(database);
        this.auditLog = new JdbcAuditLog(database);
    }

    /**
     * Brings the schema up to date with this version's Flyway migrations (a fresh database gets the
     * shipped experiments, R5), then returns the storage on it. Several instances may migrate at
     * once: Flyway serialises them, for as long as its lock retries last; a migration that fills tables from
     * stored rows takes longer on a large database, so start one instance first then (README, "Upgrading").
     * The migrations run without the connections' statement timeout and wait for a reply
     * ({@link MigrationConnections}).
     */
    public static JdbcStorage migrated(DataSource dataSource) {
        return migrated(dataSource, EventRetention.DEFAULT);
    }

    /** As {@link #migrated(DataSource)}, keeping raw events and their ids for {@code eventRetention}. */
    public static JdbcStorage migrated(DataSource dataSource, Duration eventRetention) {
        return migrated(dataSource, eventRetention, AnalystScanLimits.DEFAULT);
    }

    /**
     * As {@link #migrated(DataSource, Duration)}, the results that scan raw events (windows with an end inside a
     * UTC day, exposed or not) running within {@code analystScans}: their statement timeout, how many at once, how long one waits.
     */
    public static JdbcStorage migrated(DataSource dataSource, Duration eventRetention, AnalystScanLimits analystScans) {
        return migrated(dataSource, EventRetention.atLeastTheShortest(eventRetention), analystScans);
    }

    static JdbcStorage migrated(DataSource dataSource, EventRetention retention) {
        return migrated(dataSource, retention, AnalystScanLimits.DEFAULT);
    }

    static JdbcStorage migrated(DataSource dataSource, EventRetention retention, AnalystScanLimits analystScans) {
        DatabaseKind kind = new Database(Objects.requireNonNull(dataSource, "dataSource")).kind();
        Flyway.configure()
                .dataSource(new MigrationConnections(dataSource, kind))
                .locations("classpath:db/migration", kind.vendorMigrations())
                .load()
                .migrate();
        return new JdbcStorage(dataSource, retention, analystScans);
    }

    /**
     * The storage on a database whose schema is already this version's, migrated by another
     * instance or by the caller's own migration tool (the scripts are in {@code db/migration}, and
     * from V11 on those that differ per database in {@code db/vendor/postgresql} or {@code db/vendor/h2}).
     */
    public static JdbcStorage on(DataSource dataSource) {
        return on(dataSource, EventRetention.DEFAULT);
    }

    /** As {@link #on(DataSource)}, keeping raw events and their ids for {@code eventRetention}. */
    public static JdbcStorage on(DataSource dataSource, Duration eventRetention) {
        return on(dataSource, eventRetention, AnalystScanLimits.DEFAULT);
    }

    /** As {@link #on(DataSource, Duration)}, the scans of raw events within {@code analystScans}. */
    public static JdbcStorage on(DataSource dataSource, Duration eventRetention, AnalystScanLimits analystScans) {
        return new JdbcStorage(dataSource, EventRetention.atLeastTheShortest(eventRetention), analystScans);
    }

    static JdbcStorage on(DataSource dataSource, EventRetention retention) {
        return new JdbcStorage(dataSource, retention, AnalystScanLimits.DEFAULT);
    }

    public Experiments experiments() {
        return experiments;
    }

    public Devices devices() {
        return devices;
    }

    public EnrollmentCounts enrollmentCounts() {
        return counts;
    }

    /** Events, exposures and what results read of them; raw events are kept for the retention. */
    public EventStore eventStore() {
        return events;
    }

    /** Personal tokens with roles (issue 15): read on every admin request, never cached. */
    public Tokens tokens() {
        return tokens;
    }

    /** The audit trail, which {@link #experiments()} and {@link #tokens()} write with each change (decision 19). */
    public AuditLog auditLog() {
        return auditLog;
    }

    /** What the exports stream, from a cursor: assignments by period, and raw events (issue 15). */
    public ExportRows exportRows() {
        return exportRows;
    }

    /**
     * Creates the raw events' partitions of the next days and drops those past the retention, with the
     * ids of their events (on H2, deletes the expired rows), and folds the stripes of settled day-pair cells
     * onto one (decision 22). Call it at start and daily, on any or every
     * instance: one at a time does the work, and a repeat finds nothing to do.
     */
    public void maintainEvents() {
        eventPartitions.maintain();
    }

    /**
     * Looks for slots that failed registrations took and never stored, and hands out again those
     * still missing since the previous call (R3 after failures). Call it every second or so, on
     * every instance; it takes no lock unless it found such a slot.
     */
    public void checkLostSlots() {
        lostSlots.check();
    }

    /** Where the event store's scans of raw events take their turns (tests hold turns through it). */
    AnalystScans analystScans() {
        return analystScans;
    }

    /** Hands out again, now, every slot missing while no registration is in flight (tests, tools). */
    void recoverLostSlots() {
        lostSlots.recover();
    }
}
