package dev.abkit.bench.tools;

import dev.abkit.core.model.Experiment;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Registers many devices at once, straight into abkit's PostgreSQL schema, as if each had come
 * through the mobile endpoint: tokens {@code PREFIX1 .. PREFIXcount}, each enrolled into every
 * running experiment at the experiment's next slots, with the option ab-core gives that slot, and
 * the statistics counters (per-day ones too: all first seen now) and slot sequences moved on to match. Run it while no server registers.
 *
 * <p>One transaction with COPY; row-by-row foreign-key triggers are switched off for this session
 * ({@code session_replication_role = replica}, superuser only) because every row is built to satisfy
 * them, and {@link CheckDatabase} verifies the result afterwards.
 *
 * <pre>AB_DB_URL=jdbc:postgresql://localhost:5432/x java -cp abkit-bench.jar dev.abkit.bench.tools.BulkDevices PREFIX COUNT</pre>
 */
public final class BulkDevices {

    private static final int CHUNK = 1 << 20;

    private BulkDevices() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: BulkDevices PREFIX COUNT   (database from AB_DB_URL, AB_DB_USER, AB_DB_PASSWORD)");
            System.exit(2);
        }
        String prefix = args[0];
        long count = Long.parseLong(args[1]);
        long started = System.nanoTime();
        try (Connection connection = Schema.connect()) {
            connection.setAutoCommit(false);
            // As a registration does: else the server's search for lost slots sees the slots taken below
            // before their assignments commit, and hands a million of them out again.
            try (Statement statement = connection.createStatement()) {
                statement.execute(Schema.REGISTRATION_LOCK);
            }
            List<Schema.Stored> running = Schema.experiments(connection).stream()
                    .filter(stored -> stored.experiment().isRunning())
                    .toList();
            long[] firstSlot = new long[running.size()];
            for (int e = 0; e < running.size(); e++) {
                firstSlot[e] = takeSlots(connection, running.get(e).sequence(), count);
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("set local session_replication_role = replica");
            }
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            String firstSeen = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx").format(now);
            long[] devicesPerStripe = new long[Schema.STRIPES];
            Map<String, long[]> optionsPerStripe = new HashMap<>();

            copy(connection, "copy device (token, first_seen) from stdin", count, (i, out) -> {
                String token = prefix + (i + 1);
                devicesPerStripe[Schema.stripeOf(token)]++;
                out.append(token).append('\t').append(firstSeen).append('\n');
            });
            copy(connection, "copy assignment (device_token, experiment_key, option_value, slot) from stdin", count,
                    (i, out) -> {
                        String token = prefix + (i + 1);
                        int stripe = Schema.stripeOf(token);
                        for (int e = 0; e < running.size(); e++) {
                            Experiment experiment = running.get(e).experiment();
                            long slot = firstSlot[e] + i;
                            String value = experiment.optionAtSlot(slot).orElseThrow().value();
                            optionsPerStripe.computeIfAbsent(experiment.key().value() + '\t' + value,
                                    key -> new long[Schema.STRIPES])[stripe]++;
                            out.append(token).append('\t').append(experiment.key().value()).append('\t')
                                    .append(value).append('\t').append(slot).append('\n');
                        }
                    });
            try (PreparedStatement update = connection.prepareStatement(
                    "update device_count set devices = devices + ? where stripe = ?")) {
                for (int stripe = 0; stripe < Schema.STRIPES; stripe++) {
                    update.setLong(1, devicesPerStripe[stripe]);
                    update.setInt(2, stripe);
                    update.addBatch();
                }
                update.executeBatch();
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "update option_count set devices = devices + ? where experiment_key = ? and option_value = ? and stripe = ?")) {
                for (Map.Entry<String, long[]> option : optionsPerStripe.entrySet()) {
                    String[] keyAndValue = option.getKey().split("\t", 2);
                    for (int stripe = 0; stripe < Schema.STRIPES; stripe++) {
                        update.setLong(1, option.getValue()[stripe]);
                        update.setString(2, keyAndValue[0]);
                        update.setString(3, keyAndValue[1]);
                        update.setInt(4, stripe);
                        update.addBatch();
                    }
                }
                update.executeBatch();
            }
            try (PreparedStatement upsert = connection.prepareStatement(
                    "insert into option_day_count as c (experiment_key, first_day, option_value, stripe, devices)"
                            + " values (?, ?, ?, ?, ?) on conflict (experiment_key, first_day, option_value, stripe)"
                            + " do update set devices = c.devices + excluded.devices")) {
                for (Map.Entry<String, long[]> option : optionsPerStripe.entrySet()) {
                    String[] keyAndValue = option.getKey().split("\t", 2);
                    for (int stripe = 0; stripe < Schema.STRIPES; stripe++) {
                        if (option.getValue()[stripe] > 0) {
                            upsert.setString(1, keyAndValue[0]);
                            upsert.setObject(2, now.toLocalDate());
                            upsert.setString(3, keyAndValue[1]);
                            upsert.setInt(4, stripe);
                            upsert.setLong(5, option.getValue()[stripe]);
                            upsert.addBatch();
                        }
                    }
                }
                upsert.executeBatch();
            }
            connection.commit();
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("analyze device");
                statement.execute("analyze assignment");
            }
        }
        System.out.printf("registered %,d devices %s1..%s%d in %.1f s%n",
                count, prefix, prefix, count, (System.nanoTime() - started) / 1e9);
    }

    /** Moves the sequence on by {@code count} and returns the first of the slots taken. */
    private static long takeSlots(Connection connection, String sequence, long count) throws Exception {
        long first;
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("select last_value, is_called from " + sequence)) {
            row.next();
            first = row.getBoolean(2) ? row.getLong(1) + 1 : row.getLong(1);
        }
        if (count > 0) {
            try (PreparedStatement setval = connection.prepareStatement("select setval(?, ?, true)")) {
                setval.setString(1, sequence);
                setval.setLong(2, first + count - 1);
                setval.executeQuery().close();
            }
        }
        return first;
    }

    private interface Rows {
        void write(long index, StringBuilder out);
    }

    private static void copy(Connection connection, String sql, long count, Rows rows) throws Exception {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            StringBuilder out = new StringBuilder(CHUNK + 4096);
            for (long i = 0; i < count; i++) {
                rows.write(i, out);
                if (out.length() >= CHUNK) {
                    flush(copy, out);
                }
            }
            flush(copy, out);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void flush(CopyIn copy, StringBuilder out) throws Exception {
        byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        out.setLength(0);
    }
}
