package dev.abkit.persistence;

import dev.abkit.core.event.Event;
import dev.abkit.core.event.EventId;
import dev.abkit.core.event.EventProperties;
import dev.abkit.core.event.EventValue;
import dev.abkit.core.event.MetricName;
import dev.abkit.core.export.EventRow;
import dev.abkit.core.export.Period;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.port.out.ExportRows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The export rows from a server-side cursor: each query runs in a read-only transaction with a fetch size,
 * so that pgjdbc fetches {@value #FETCH_SIZE} rows at a time instead of reading the whole result (it does
 * that in auto-commit), and every row goes to the sink before the next is read.
 */
final class JdbcExportRows implements ExportRows {

    /** Rows per round trip: large enough that the trips cost little, small enough to hold no memory to speak of. */
    static final int FETCH_SIZE = 1_000;

    private static final String ASSIGNMENTS = """
            select a.device_token, a.experiment_key, a.option_value, a.slot, d.first_seen,
                   o.device_token is not null as overridden
            from assignment a
            join device d on d.token = a.device_token
            left join experiment_override o on o.experiment_key = a.experiment_key and o.device_token = a.device_token
            where 1 = 1""";
    private static final String EVENTS = """
            select e.device_token, e.event_id, e.metric, e.occurred_at, e.received_at, e.amount, e.properties
            from event e
            join assignment a on a.device_token = e.device_token and a.experiment_key = ? and a.option_value is not null
            where 1 = 1""";

    /**
     * The server's limits for the short statements of the mobile path (2 s a statement, 5 s idle in a
     * transaction) would end an export: its first fetch may sort all its rows, and its reader may pause between
     * fetches. This one transaction gets limits of its own, still bounded; the HTTP adapter's pipe gives up on
     * a reader that takes nothing for 30 s first.
     */
    private static final int EXPORT_STATEMENT_TIMEOUT_MILLIS = 120_000;
    private static final List<String> EXPORT_LIMITS = List.of(
            "set local statement_timeout = '" + EXPORT_STATEMENT_TIMEOUT_MILLIS + "ms'",
            "set local idle_in_transaction_session_timeout = '60s'");
    /** The driver's wait for any one reply, as long as the statement limit above (the pool's is 3 s). */
    private static final int EXPORT_NETWORK_TIMEOUT_MILLIS = 125_000;

    private final Database database;

    JdbcExportRows(Database database) {
        this.database = database;
    }

    @Override
    public void assignments(Optional<ExperimentKey> experiment, Period firstSeen, Consumer<StoredAssignment> sink) {
        StringBuilder sql = new StringBuilder(ASSIGNMENTS);
        List<Object> parameters = new ArrayList<>();
        experiment.ifPresent(key -> {
            sql.append(" and a.experiment_key = ?");
            parameters.add(key.value());
        });
        within(sql, parameters, "d.first_seen", firstSeen);
        // Ordered as the export promises; the planner may sort (a hash join and a sort of a million rows is several
        // times faster than a nested loop of index lookups in slot order, docs/decisions/0018).
        sql.append(experiment.isPresent() ? " order by a.slot" : " order by d.first_seen, a.device_token, a.experiment_key");
        stream("export the assignments of " + experiment.map(ExperimentKey::value).orElse("every experiment"),
                sql.toString(), parameters, rows -> sink.accept(new StoredAssignment(
                        DeviceToken.of(rows.getString("device_token")), ExperimentKey.of(rows.getString("experiment_key")),
                        rows.getString("option_value"), rows.getLong("slot"), Timestamps.instant(rows, "first_seen"),
                        rows.getBoolean("overridden"))));
    }

    @Override
    public void events(ExperimentKey experiment, Period occurred, Optional<MetricName> metric, Consumer<EventRow> sink) {
        StringBuilder sql = new StringBuilder(EVENTS);
        List<Object> parameters = new ArrayList<>(List.of(experiment.value()));
        within(sql, parameters, "e.occurred_at", occurred);
        metric.ifPresent(name -> {
            sql.append(" and e.metric = ?");
            parameters.add(name.value());
        });
        sql.append(" order by e.occurred_at, e.device_token, e.event_id");
        stream("export the events of " + experiment, sql.toString(), parameters,
                rows -> sink.accept(new EventRow(event(rows), Timestamps.instant(rows, "received_at"))));
    }

    private static Event event(ResultSet rows) throws SQLException {
        double amount = rows.getDouble("amount");
        EventValue value = rows.wasNull() ? null : EventValue.of(amount);
        String properties = rows.getString("properties");
        return new Event(DeviceToken.of(rows.getString("device_token")), EventId.of(rows.getString("event_id")),
                MetricName.of(rows.getString("metric")), Timestamps.instant(rows, "occurred_at"), value,
                properties == null ? null : EventProperties.of(properties));
    }

    private static void within(StringBuilder sql, List<Object> parameters, String column, Period period) {
        period.from().ifPresent(from -> {
            sql.append(" and ").append(column).append(" >= ?");
            parameters.add(Timestamps.of(from));
        });
        period.to().ifPresent(to -> {
            sql.append(" and ").append(column).append(" < ?");
            parameters.add(Timestamps.of(to));
        });
    }

    private void stream(String what, String sql, List<Object> parameters, RowHandler handler) {
        DatabaseKind kind = database.kind();
        database.inTransaction(what, connection -> {
            Runnable restore = exportLimits(connection, kind);
            try (PreparedStatement query = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY)) {
                query.setFetchSize(FETCH_SIZE);
                for (int i = 0; i < parameters.size(); i++) {
                    query.setObject(i + 1, parameters.get(i));
                }
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        handler.handle(rows);
                    }
                }
                return null;
            } finally {
                restore.run();
            }
        });
    }

    /**
     * Gives the export's transaction its own limits; returns what gives the pooled connection its own back.
     * PostgreSQL's {@code set local} ends with the transaction, the driver's network timeout does not. H2 keeps
     * its statement limit (the quick start's {@code QUERY_TIMEOUT}) per session, so it is read and put back.
     */
    private static Runnable exportLimits(Connection connection, DatabaseKind kind) throws SQLException {
        if (kind == DatabaseKind.POSTGRESQL) {
            int networkTimeout = connection.getNetworkTimeout();
            connection.setNetworkTimeout(Runnable::run, EXPORT_NETWORK_TIMEOUT_MILLIS);
            try (Statement setting = connection.createStatement()) {
                for (String limit : EXPORT_LIMITS) {
                    setting.execute(limit);
                }
            }
            return () -> quietly(() -> connection.setNetworkTimeout(Runnable::run, networkTimeout));
        }
        String queryTimeout;
        try (Statement setting = connection.createStatement();
             ResultSet row = setting.executeQuery(
                     "select setting_value from information_schema.settings where setting_name = 'QUERY_TIMEOUT'")) {
            queryTimeout = row.next() ? row.getString(1) : "0";
        }
        try (Statement setting = connection.createStatement()) {
            setting.execute("set query_timeout " + EXPORT_STATEMENT_TIMEOUT_MILLIS);
        }
        long kept = Long.parseLong(queryTimeout);
        return () -> quietly(() -> {
            try (Statement setting = connection.createStatement()) {
                setting.execute("set query_timeout " + kept);
            }
        });
    }

    /** Puts a setting back; a connection that fails to take it is broken anyway, and the pool discards it. */
    private static void quietly(SqlAction action) {
        try {
            action.run();
        } catch (SQLException brokenConnection) {
            // the failure that broke it, if any, is the one the caller sees
        }
    }

    @FunctionalInterface
    private interface SqlAction {
        void run() throws SQLException;
    }

    @FunctionalInterface
    private interface RowHandler {
        void handle(ResultSet rows) throws SQLException;
    }
}
