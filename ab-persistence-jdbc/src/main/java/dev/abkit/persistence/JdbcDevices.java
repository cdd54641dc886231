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
import java.util.Collections;
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
    private final Stripes stripes;

    JdbcDevices(Database database, SlotSequences sequences, Stripes stripes) {
        this.database = database;
        this.sequences = sequences;
        this.stripes = stripes;
    }

    @Override
    public Optional<Device> find(DeviceToken token) {
        return database.autoCommitted("find a device", connection -> select(connection, token));
    }

    @Override
    public Device registerOnce(DeviceToken token, Instant firstSeen, Enrollment enrollment) {
        // The columns keep microseconds; truncating here makes the answer equal what is stored.
        Instant seen = firstSeen.truncatedTo(ChronoUnit.MICROS);
        Stripes.Lease stripe = stripes.lease();
        try {
            return database.inTransaction("register a device", connection -> {
                if (!insertDevice(connection, token, seen)) {
                    return select(connection, token).orElseThrow(() -> new IllegalStateException(
                            "device " + token + " was neither inserted nor found"));
                }
                SequenceSlotCounters slots = new SequenceSlotCounters(connection, sequences);
                Device device = new Device(token, seen, enrollment.assign(slots));
                store(connection, device, slots, stripe.stripe());
                return device;
            });
        } finally {
            stripes.release(stripe); // after the commit or rollback, which unlocked the stripe's rows
        }
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

    /**
     * Stores the assignments and adds the device to the statistics counters, in one round trip: the
     * statements go to the database as one prepared script, and run in its order. The counters come
     * last, so their rows stay locked only until the commit that follows. All rows of one
     * registration share a stripe and the device counter is taken first, then the option counters
     * in experiment order, so two registrations never lock each other's rows in opposite order.
     */
    private static void store(Connection connection, Device device, SequenceSlotCounters slots, int stripe)
            throws SQLException {
        List<Assignment> assignments = new ArrayList<>(device.assignments());
        assignments.sort(Comparator.comparing(Assignment::experiment));
        try (PreparedStatement script = connection.prepareStatement(storeScript(assignments.size()))) {
            int parameter = 1;
            for (Assignment assignment : assignments) {
                script.setString(parameter++, device.token().value());
                script.setString(parameter++, assignment.experiment().value());
                script.setString(parameter++, assignment.value());
                script.setLong(parameter++, slots.slotOf(assignment.experiment()));
            }
            script.setInt(parameter++, stripe);
            for (Assignment assignment : assignments) {
                script.setString(parameter++, assignment.experiment().value());
                script.setString(parameter++, assignment.value());
                script.setInt(parameter++, stripe);
            }
            script.execute();
            requireRowsWritten(script, assignments.size());
        }
    }

    /** The statements of {@link #store} for a device with this many assignments. */
    private static String storeScript(int assignments) {
        StringBuilder script = new StringBuilder();
        if (assignments > 0) {
            script.append("insert into assignment (device_token, experiment_key, option_value, slot) values ")
                    .append(String.join(", ", Collections.nCopies(assignments, "(?, ?, ?, ?)")))
                    .append(";\n");
        }
        script.append("update device_count set devices = devices + 1 where stripe = ?;\n");
        script.append(("update option_count set devices = devices + 1"
                + " where experiment_key = ? and option_value = ? and stripe = ?;\n").repeat(assignments));
        return script.toString();
    }

    /**
     * Every statement of the script must have written its rows. PostgreSQL reports the count of
     * each statement; H2 only that of the first, so there the counters go unchecked.
     */
    private static void requireRowsWritten(PreparedStatement script, int assignments) throws SQLException {
        int rows = script.getUpdateCount();
        if (assignments > 0) {
            requireRows(rows, assignments, "assignment");
            rows = nextUpdateCount(script);
        }
        if (rows != -1) {
            requireRows(rows, 1, "device_count");
            rows = nextUpdateCount(script);
        }
        while (rows != -1) {
            requireRows(rows, 1, "option_count");
            rows = nextUpdateCount(script);
        }
    }

    private static int nextUpdateCount(PreparedStatement script) throws SQLException {
        script.getMoreResults();
        return script.getUpdateCount();
    }

    private static void requireRows(int rows, int expected, String table) {
        if (rows != expected) {
            // Every experiment's counter rows are created with it, so a counter update that misses is a damaged schema.
            throw new IllegalStateException("a registration wrote " + rows + " rows of " + table + " instead of "
                    + expected + "; the schema is damaged");
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
