package dev.abkit.bench.tools;

import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.Option;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks, after a benchmark, that every registration was exact (R3) and complete (R6), and that
 * every token sent was registered exactly once. Prints one line per check and exits 1 if any fails.
 *
 * <pre>AB_DB_URL=... java -cp abkit-bench.jar dev.abkit.bench.tools.CheckDatabase PREFIX:COUNT ...</pre>
 *
 * Each {@code PREFIX:COUNT} says that the tokens PREFIX1 .. PREFIXcount were sent: the database
 * must hold exactly those devices with that prefix, one row each. {@code PREFIX:COUNT:REFUSED}
 * allows up to REFUSED of them to be missing, for requests the server answered with an error (a
 * refused registration stores nothing, R6). Then, over the whole database:
 * <ul>
 *   <li>every device has one assignment per experiment, and no assignment lacks its device (R6);</li>
 *   <li>per experiment, the slots taken are exactly 0 .. n-1 and each assignment holds the option
 *       ab-core gives its slot, so the option counts are exactly those of the first n slots (R3);</li>
 *   <li>the statistics counters add up to the rows they count.</li>
 * </ul>
 */
public final class CheckDatabase {

    private final List<String> failures = new ArrayList<>();

    private CheckDatabase() {
    }

    public static void main(String[] args) throws Exception {
        CheckDatabase check = new CheckDatabase();
        try (Connection connection = Schema.connect()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            for (String expectation : args) {
                // The prefix may hold no colon; the count and the refused ones are numbers.
                String[] parts = expectation.split(":");
                long refused = parts.length == 3 ? Long.parseLong(parts[2]) : 0;
                check.tokens(connection, parts[0], Long.parseLong(parts[1]), refused);
            }
            check.whole(connection);
            connection.rollback();
        }
        if (!check.failures.isEmpty()) {
            System.out.println("FAILED: " + check.failures.size() + " check(s): " + String.join("; ", check.failures));
            System.exit(1);
        }
        System.out.println("all database checks passed");
    }

    private void expect(String what, long actual, long expected) {
        expect(what, actual, expected, 0);
    }

    /** A figure the checks below are measured against, printed for the reader; nothing to compare it with. */
    private static void note(String what, long value) {
        System.out.printf("  %-4s %-62s %,14d%n", "", what, value);
    }

    /** actual within [expected - slack, expected] */
    private void expect(String what, long actual, long expected, long slack) {
        boolean ok = actual <= expected && actual >= expected - slack;
        System.out.printf("  %-4s %-62s %,14d  (expected %,d%s)%n", ok ? "ok" : "FAIL", what, actual, expected,
                slack == 0 ? "" : String.format(", less up to %,d refused", slack));
        if (!ok) {
            failures.add(what + ": " + actual + " instead of " + expected);
        }
    }

    /** Exactly the tokens PREFIX1 .. PREFIXcount carry this prefix, each once (less refused ones). */
    private void tokens(Connection connection, String prefix, long sent, long refused) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                select count(*),
                       count(*) filter (where substr(token, ?) ~ '^[1-9][0-9]{0,17}$'
                                          and cast(substr(token, ?) as bigint) between 1 and ?),
                       count(distinct token)
                from device where starts_with(token, ?)""")) {
            select.setInt(1, prefix.length() + 1);
            select.setInt(2, prefix.length() + 1);
            select.setLong(3, sent);
            select.setString(4, prefix);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                long rows = row.getLong(1);
                expect("device rows " + prefix + "*", rows, sent, refused);
                expect("  of them tokens sent (" + prefix + "1.." + sent + ")", row.getLong(2), rows);
                expect("  of them distinct", row.getLong(3), rows);
            }
        }
    }

    private void whole(Connection connection) throws SQLException {
        List<Schema.Stored> experiments = Schema.experiments(connection);
        long devices = single(connection, "select count(*) from device");
        note("devices in the database", devices);
        expect("devices without exactly " + experiments.size() + " assignments (R6)", single(connection, """
                select count(*) from (
                  select d.token from device d left join assignment a on a.device_token = d.token
                  group by d.token having count(a.device_token) <> %d) incomplete""".formatted(experiments.size())), 0);
        expect("assignments without their device (R6)", single(connection, """
                select count(*) from assignment a where not exists (select 1 from device d where d.token = a.device_token)"""), 0);
        expect("device counter rows, summed", single(connection, "select coalesce(sum(devices), 0) from device_count"), devices);
        expect("options and days whose per-day counter differs from their devices", single(connection, """
                select count(*) from (
                  select experiment_key, first_day, option_value from (
                    select experiment_key, first_day, option_value, devices from option_day_count
                    union all
                    select a.experiment_key, cast(d.first_seen at time zone 'UTC' as date), a.option_value, -1
                    from assignment a join device d on d.token = a.device_token
                    where a.option_value is not null) counted_and_stored
                  group by experiment_key, first_day, option_value
                  having sum(devices) <> 0) differing"""), 0);

        Map<String, Long> counted = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select experiment_key, option_value, sum(devices) from option_count group by experiment_key, option_value");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                counted.put(rows.getString(1) + '\t' + rows.getString(2), rows.getLong(3));
            }
        }
        for (Schema.Stored stored : experiments) {
            exact(connection, stored, counted);
        }
    }

    /** R3: slots 0 .. n-1, each with its own option, so the counts are those of the first n slots. */
    private void exact(Connection connection, Schema.Stored stored, Map<String, Long> counted) throws SQLException {
        Experiment experiment = stored.experiment();
        Map<String, Long> found = new LinkedHashMap<>();
        Map<String, Long> expected = new LinkedHashMap<>();
        for (Option option : experiment.options()) {
            found.put(option.value(), 0L);
            expected.put(option.value(), 0L);
        }
        long rows = 0;
        long wrongOption = 0;
        long maxSlot = -1;
        try (PreparedStatement select = connection.prepareStatement(
                "select slot, option_value from assignment where experiment_key = ? order by slot")) {
            select.setFetchSize(50_000);
            select.setString(1, stored.key());
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    long slot = row.getLong(1);
                    String value = row.getString(2); // null: left out by coverage (R7)
                    rows++;
                    maxSlot = Math.max(maxSlot, slot);
                    found.merge(shown(value), 1L, Long::sum);
                    if (!java.util.Objects.equals(decidedAt(experiment, slot), value)) {
                        wrongOption++;
                    }
                }
            }
        }
        for (long slot = 0; slot < rows; slot++) {
            expected.merge(shown(decidedAt(experiment, slot)), 1L, Long::sum);
        }
        if (expected.containsKey(shown(null))) {
            found.putIfAbsent(shown(null), 0L);
        }
        String key = stored.key();
        note(key + ": enrolled devices", rows);
        // Slots are unique (a constraint); with max = n-1 they are exactly 0 .. n-1, without gaps.
        expect(key + ": highest slot + 1 (no gaps)", maxSlot + 1, rows);
        expect(key + ": assignments whose option is not their slot's", wrongOption, 0);
        for (Map.Entry<String, Long> option : expected.entrySet()) {
            expect(key + " = " + option.getKey() + ": devices (R3, exact)", found.get(option.getKey()), option.getValue());
            expect(key + " = " + option.getKey() + ": statistics counter",
                    counted.getOrDefault(key + '\t' + option.getKey(), 0L), option.getValue());
        }
    }

    private static long single(Connection connection, String sql) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql); ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** What the experiment gives the device at {@code slot}: an option value, or null when its coverage leaves it out. */
    private static String decidedAt(Experiment experiment, long slot) {
        return experiment.optionAtSlot(slot).map(Option::value).orElse(null);
    }

    private static String shown(String value) {
        return value == null ? "(left out)" : value;
    }
}
