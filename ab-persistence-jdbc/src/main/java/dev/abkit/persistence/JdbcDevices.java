package dev.abkit.persistence;

import dev.abkit.core.error.StorageFailureException;
import dev.abkit.core.model.Assignment;
import dev.abkit.core.model.Device;
import dev.abkit.core.model.DeviceAttributes;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.RunningExperiments;
import dev.abkit.core.model.StoredDevice;
import dev.abkit.core.port.out.Devices;
import dev.abkit.core.port.out.Enrollment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Devices in the tables {@code device} and {@code assignment}. A registration is one transaction
 * (R4, R6): the device row is inserted unless it exists, and only the call that inserted it takes
 * slots, stores the assignments and adds to the statistics counters; every other call reads what
 * was stored. A concurrent insert of the same token waits on the row's key until the first
 * transaction ends, so it sees the committed device, or inserts it itself if that one rolled back.
 *
 * <p>Round trips of a new device on PostgreSQL: (1) the catalog lock, the device insert and the
 * catalog version, as one script; (2) the slots of every running experiment, one statement;
 * (3) assignments and counters (device_count, option_count or left_out_count, option_day_count),
 * one script; (4) the commit. Only when the catalog moved since the caller read its running set
 * (a create or stop on another instance), or slots wait in {@code free_slot}, does one more round
 * trip read them.
 */
final class JdbcDevices implements Devices {

    private static final String SELECT_DEVICE = """
            select d.first_seen, d.platform, d.app_version, d.locale, a.experiment_key, a.option_value, a.slot
            from device d
            left join assignment a on a.device_token = d.token
            where d.token = ?""";

    private final Database database;
    private final ExperimentCatalog catalog;
    private final SlotSequences sequences;
    private final FreeSlots freeSlots;
    private final Stripes stripes;

    JdbcDevices(Database database, ExperimentCatalog catalog, SlotSequences sequences, FreeSlots freeSlots,
                Stripes stripes) {
        this.database = database;
        this.catalog = catalog;
        this.sequences = sequences;
        this.freeSlots = freeSlots;
        this.stripes = stripes;
    }

    @Override
    public Optional<Device> find(DeviceToken token) {
        return database.autoCommitted("find a device", connection -> select(connection, token))
                .map(StoredDevice::device);
    }

    @Override
    public Optional<StoredDevice> findWithSlots(DeviceToken token) {
        return database.autoCommitted("find a device", connection -> select(connection, token));
    }

    @Override
    public Device registerOnce(DeviceToken token, Instant firstSeen, DeviceAttributes attributes,
                               RunningExperiments assumed, Enrollment enrollment) {
        // The columns keep microseconds; truncating here makes the answer equal what is stored.
        Instant seen = firstSeen.truncatedTo(ChronoUnit.MICROS);
        DatabaseKind kind = database.kind();
        Stripes.Lease stripe = stripes.lease();
        try {
            return database.inTransaction("register a device", connection -> {
                Script first = new Script();
                // R2: the lock comes first, so the version read after it stays true until the commit.
                first.run(kind.lockCatalogForRegistration());
                int insert = first.write("insert into device (token, first_seen, platform, app_version, locale)"
                                + " values (?, ?, ?, ?, ?) on conflict do nothing",
                        token.value(), OffsetDateTime.ofInstant(seen, ZoneOffset.UTC), DeviceColumns.platform(attributes),
                        DeviceColumns.appVersion(attributes), DeviceColumns.locale(attributes));
                int version = first.select("select version from experiment_catalog where id = 1");
                Script.Results done = first.runOn(connection, kind);
                if (done.rowsWritten(insert) != 1) {
                    return select(connection, token).map(StoredDevice::device).orElseThrow(() -> new StorageFailureException(
                            "device " + token + " was neither inserted nor found"));
                }
                long current = done.firstRow(version)[0];
                RunningExperiments running = current == assumed.version() ? assumed : catalog.runningAt(connection, current);
                RegistrationSlots slots = new RegistrationSlots(connection, kind, sequences, freeSlots);
                Device device = new Device(token, seen, attributes, enrollment.assign(running, slots));
                store(connection, kind, device, slots, stripe.stripe());
                return device;
            });
        } finally {
            stripes.release(stripe); // after the commit or rollback, which unlocked the stripe's rows
        }
    }

    /**
     * Stores the assignments, deletes the free slots they used and adds the device to the statistics
     * counters, as one script: one round trip on PostgreSQL. The counters come last, so their rows
     * stay locked only until the commit that follows. All rows of one registration share a stripe
     * and the device counter is taken first, then the option counters in experiment order, then the
     * day counters in experiment order, so two registrations never lock each other's rows in opposite
     * order. Every statement must write exactly its rows, on both databases.
     */
    private static void store(Connection connection, DatabaseKind kind, Device device, RegistrationSlots slots,
                              int stripe) throws SQLException {
        List<Assignment> assignments = new ArrayList<>(device.assignments());
        assignments.sort(Comparator.comparing(Assignment::experiment));
        Script store = new Script();
        List<RowsExpected> expected = new ArrayList<>();
        for (Map.Entry<ExperimentKey, Long> free : slots.takenFromFree().entrySet()) {
            expected.add(new RowsExpected(store.write(FreeSlots.DELETE, free.getKey().value(), free.getValue()),
                    "free_slot", 1));
        }
        if (!assignments.isEmpty()) {
            List<Object> values = new ArrayList<>();
            for (Assignment assignment : assignments) {
                values.add(device.token().value());
                values.add(assignment.experiment().value());
                values.add(assignment.value());
                values.add(slots.slotOf(assignment.experiment()));
            }
            expected.add(new RowsExpected(store.write(
                    "insert into assignment (device_token, experiment_key, option_value, slot) values "
                            + String.join(", ", Collections.nCopies(assignments.size(), "(?, ?, ?, ?)")),
                    values.toArray()), "assignment", assignments.size()));
        }
        expected.add(new RowsExpected(store.write("update device_count set devices = devices + 1 where stripe = ?",
                stripe), "device_count", 1));
        for (Assignment assignment : assignments) {
            if (assignment.isLeftOut()) {
                expected.add(new RowsExpected(store.write("update left_out_count set devices = devices + 1"
                                + " where experiment_key = ? and stripe = ?",
                        assignment.experiment().value(), stripe), "left_out_count", 1));
            } else {
                expected.add(new RowsExpected(store.write("update option_count set devices = devices + 1"
                                + " where experiment_key = ? and option_value = ? and stripe = ?",
                        assignment.experiment().value(), assignment.value(), stripe), "option_count", 1));
            }
        }
        addToDay(store, kind, device, assignments.stream().filter(assignment -> !assignment.isLeftOut()).toList(),
                stripe, expected);
        Script.Results written = store.runOn(connection, kind);
        for (RowsExpected statement : expected) {
            statement.check(written);
        }
    }

    /**
     * Adds the device to {@code option_day_count}, the day of its first_seen, after every other counter and
     * in experiment order as they are. A day's row may not exist yet: PostgreSQL creates or adds in one
     * upsert; H2, which has no {@code on conflict (...) do update}, creates it empty, then adds.
     */
    private static void addToDay(Script store, DatabaseKind kind, Device device, List<Assignment> valued, int stripe,
                                 List<RowsExpected> expected) {
        if (valued.isEmpty()) {
            return;
        }
        LocalDate day = Timestamps.utcDay(device.firstSeen());
        if (kind == DatabaseKind.POSTGRESQL) {
            List<Object> values = new ArrayList<>();
            for (Assignment assignment : valued) {
                Collections.addAll(values, assignment.experiment().value(), day, assignment.value(), stripe);
            }
            expected.add(new RowsExpected(store.write(
                    "insert into option_day_count as c (experiment_key, first_day, option_value, stripe, devices) values "
                            + String.join(", ", Collections.nCopies(valued.size(), "(?, ?, ?, ?, 1)"))
                            + " on conflict (experiment_key, first_day, option_value, stripe)"
                            + " do update set devices = c.devices + 1",
                    values.toArray()), "option_day_count", valued.size()));
            return;
        }
        for (Assignment assignment : valued) {
            store.write("insert into option_day_count (experiment_key, first_day, option_value, stripe, devices)"
                            + " values (?, ?, ?, ?, 0) on conflict do nothing",
                    assignment.experiment().value(), day, assignment.value(), stripe);
            expected.add(new RowsExpected(store.write("update option_day_count set devices = devices + 1"
                            + " where experiment_key = ? and first_day = ? and option_value = ? and stripe = ?",
                    assignment.experiment().value(), day, assignment.value(), stripe), "option_day_count", 1));
        }
    }

    /** What one statement of the store script must have written. */
    private record RowsExpected(int statement, String table, int rows) {

        void check(Script.Results written) {
            int actual = written.rowsWritten(statement);
            if (actual != rows) {
                // Every row these statements touch exists with its experiment: a miss is a damaged schema.
                throw new StorageFailureException("a registration wrote " + actual + " rows of " + table
                        + " instead of " + rows + "; the schema is damaged");
            }
        }
    }

    private static Optional<StoredDevice> select(Connection connection, DeviceToken token) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_DEVICE)) {
            select.setString(1, token.value());
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                Instant firstSeen = rows.getObject("first_seen", OffsetDateTime.class).toInstant();
                DeviceAttributes attributes = DeviceColumns.attributes(rows);
                List<Assignment> assignments = new ArrayList<>();
                Map<ExperimentKey, Long> slots = new HashMap<>();
                do {
                    String experiment = rows.getString("experiment_key");
                    if (experiment != null) { // a device enrolled into nothing has one row of nulls
                        ExperimentKey key = ExperimentKey.of(experiment);
                        assignments.add(new Assignment(key, rows.getString("option_value")));
                        slots.put(key, rows.getLong("slot"));
                    }
                } while (rows.next());
                return Optional.of(new StoredDevice(new Device(token, firstSeen, attributes, assignments), slots));
            }
        }
    }
}
