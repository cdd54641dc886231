package dev.abkit.persistence;

import dev.abkit.core.model.Assignment;
import dev.abkit.core.model.Device;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.port.out.Devices;
import dev.abkit.core.port.out.Enrollment;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Devices in the tables {@code device} and {@code assignment}. A registration is one transaction
 * (R4, R6): the device row is inserted unless it exists, and only the call that inserted it takes
 * slots, stores the assignments and adds to the statistics counters; every other call reads what
 * was stored. A concurrent insert of the same token waits on the row's key until the first
 * transaction ends, so it sees the committed device, or inserts it itself if that one rolled back.
 */
@Singleton
public final class JdbcDevices implements Devices {

    private static final String SELECT_DEVICE = """
            select d.first_seen, a.experiment_key, a.option_value
            from device d
            left join assignment a on a.device_token = d.token
            where d.token = ?""";

    private final Database database;
    private final SlotSequences sequences;

    JdbcDevices(Database database, SlotSequences sequences) {
        this.database = database;
        this.sequences = sequences;
    }

    @Override
    public Optional<Device> find(DeviceToken token) {
        return database.autoCommitted("find a device", connection -> select(connection, token));
    }

    @Override
    public Device registerOnce(DeviceToken token, Instant firstSeen, Enrollment enrollment) {
        // The columns keep microseconds; truncating here makes the answer equal what is stored.
        Instant seen = firstSeen.truncatedTo(ChronoUnit.MICROS);
        return database.inTransaction("register a device", connection -> {
            if (!insertDevice(connection, token, seen)) {
                return select(connection, token).orElseThrow(() -> new IllegalStateException(
                        "device " + token + " was neither inserted nor found"));
            }
            SequenceSlotCounters slots = new SequenceSlotCounters(connection, sequences);
            Device device = new Device(token, seen, enrollment.assign(slots));
            insertAssignments(connection, device, slots);
            count(connection, device);
            return device;
        });
    }

    /** @return whether this call inserted the device; false if it exists already */
    private static boolean insertDevice(Connection connection, DeviceToken token, Instant seen) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into device (token, first_seen) values (?, ?) on conflict do nothing")) {
            insert.setString(1, token.value());
            insert.setObject(2, OffsetDateTime.ofInstant(seen, ZoneOffset.UTC));
            return insert.executeUpdate() == 1;
        }
    }

    private static void insertAssignments(Connection connection, Device device, SequenceSlotCounters slots)
            throws SQLException {
        if (device.assignments().isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into assignment (device_token, experiment_key, option_value, slot) values (?, ?, ?, ?)")) {
            for (Assignment assignment : device.assignments()) {
                insert.setString(1, device.token().value());
                insert.setString(2, assignment.experiment().value());
                insert.setString(3, assignment.value());
                insert.setLong(4, slots.slotOf(assignment.experiment()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * Adds the device to the statistics, last, so the counter rows stay locked only until the
     * commit that follows. All rows of one registration share a stripe and the device counter is
     * taken first, so two registrations never lock each other's rows in opposite order.
     */
    private static void count(Connection connection, Device device) throws SQLException {
        int stripe = Stripes.of(device.token());
        try (PreparedStatement update = connection.prepareStatement(
                "update device_count set devices = devices + 1 where stripe = ?")) {
            update.setInt(1, stripe);
            requireOneRow(update.executeUpdate(), "device_count");
        }
        if (device.assignments().isEmpty()) {
            return;
        }
        List<Assignment> ordered = new ArrayList<>(device.assignments());
        ordered.sort(Comparator.comparing(Assignment::experiment));
        try (PreparedStatement update = connection.prepareStatement("""
                update option_count set devices = devices + 1
                where experiment_key = ? and option_value = ? and stripe = ?""")) {
            for (Assignment assignment : ordered) {
                update.setString(1, assignment.experiment().value());
                update.setString(2, assignment.value());
                update.setInt(3, stripe);
                update.addBatch();
            }
            for (int rows : update.executeBatch()) {
                requireOneRow(rows, "option_count");
            }
        }
    }

    private static void requireOneRow(int rows, String table) {
        // Statement.SUCCESS_NO_INFO (-2) is allowed: some drivers do not report batch counts.
        if (rows == 0) {
            throw new IllegalStateException("no " + table + " row to count the device in; the counter rows of"
                    + " every experiment are created with it, so the schema is damaged");
        }
    }

    private static Optional<Device> select(Connection connection, DeviceToken token) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_DEVICE)) {
            select.setString(1, token.value());
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                Instant firstSeen = rows.getObject("first_seen", OffsetDateTime.class).toInstant();
                List<Assignment> assignments = new ArrayList<>();
                do {
                    String experiment = rows.getString("experiment_key");
                    if (experiment != null) { // a device enrolled into nothing has one row of nulls
                        assignments.add(new Assignment(ExperimentKey.of(experiment), rows.getString("option_value")));
                    }
                } while (rows.next());
                return Optional.of(new Device(token, firstSeen, assignments));
            }
        }
    }
}
