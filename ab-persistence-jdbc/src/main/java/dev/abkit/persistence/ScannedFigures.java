package dev.abkit.persistence;

import dev.abkit.core.event.EventTime;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.port.out.EventStore.MetricFigures;
import dev.abkit.core.port.out.EventStore.ResultsScope;
import dev.abkit.core.results.SlotsHandedOut;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The figures of a window, of all devices or of the exposed ones, which counters cannot give ("at least one
 * event in the window", the square of a window's total): exact SQL over the raw events of the scope's metric,
 * joined with the experiment's assignments, the devices' first_seen and, for exposed, their first exposure.
 * (The whole life, exposed or not, is read from counters: {@link WholeLifeFigures}.)
 * Partitions are pruned by receipt time: an event is received at or after its corrected time and at most
 * {@link EventTime#MAX_AGE} after it ({@link EventRows#receivedAt}).
 */
final class ScannedFigures {

    private ScannedFigures() {
    }

    static MetricFigures read(Connection connection, ResultsScope scope, SlotsHandedOut slots) throws SQLException {
        FiguresTally tally = new FiguresTally();
        List<SlotHolders.Holder> holders = SlotHolders.excluded(connection, scope.experiment().key(), scope.excluded());
        AssignedBefore.count(connection, scope, holders, tally);
        if (scope.exposed()) {
            exposed(connection, scope, tally);
        }
        converted(connection, scope, tally);
        return tally.figures(scope.experiment(), slots);
    }

    /** The exposed devices per option whose counting start (first_seen or exposure, the later) is before the end. */
    private static void exposed(Connection connection, ResultsScope scope, FiguresTally tally) throws SQLException {
        SqlQuery query = new SqlQuery("""
                select a.option_value, count(*) from exposure x
                join assignment a on a.device_token = x.device_token and a.experiment_key = x.experiment_key
                join device d on d.token = x.device_token
                where x.experiment_key = ? and a.option_value is not null""", scope.experiment().key().value());
        if (scope.to().isPresent()) {
            query.append(" and d.first_seen < ? and x.first_at < ?",
                    Timestamps.of(scope.to().get()), Timestamps.of(scope.to().get()));
        }
        query.andNotIn("x.device_token", tokens(scope));
        query.append(" group by a.option_value");
        query.forEachRow(connection, rows -> tally.exposed(rows.getString(1), rows.getLong(2)));
    }

    /** Per device its counted events of the metric in the window, then per option (the scope's excluded left out). */
    private static void converted(Connection connection, ResultsScope scope, FiguresTally tally) throws SQLException {
        SqlQuery query = new SqlQuery("""
                select option_value, count(*), sum(valued), sum(total), sum(total * total) from (
                  select a.option_value, e.device_token, count(e.amount) as valued, sum(coalesce(e.amount, 0)) as total
                  from event e
                  join assignment a on a.device_token = e.device_token and a.experiment_key = ?
                  join device d on d.token = e.device_token""", scope.experiment().key().value());
        if (scope.exposed()) {
            query.append(" join exposure x on x.experiment_key = a.experiment_key and x.device_token = e.device_token");
        }
        query.append(" where e.metric = ? and a.option_value is not null and e.occurred_at >= d.first_seen",
                scope.metric().value());
        if (scope.exposed()) {
            query.append(" and e.occurred_at >= x.first_at");
        }
        scope.from().ifPresent(start -> query.append(" and e.occurred_at >= ? and e.received_at >= ?",
                Timestamps.of(start), Timestamps.of(start)));
        scope.to().ifPresent(end -> query.append(" and e.occurred_at < ? and e.received_at < ?", Timestamps.of(end),
                Timestamps.of(end.plus(EventTime.MAX_AGE))));
        query.andNotIn("e.device_token", tokens(scope))
                .append(" group by a.option_value, e.device_token) per_device group by option_value")
                .forEachRow(connection, rows -> tally.converted(rows.getString(1), rows.getLong(2), rows.getLong(3),
                        rows.getDouble(4), rows.getDouble(5)));
    }

    private static List<String> tokens(ResultsScope scope) {
        return scope.excluded().stream().map(DeviceToken::value).toList();
    }
}
