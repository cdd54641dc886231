package dev.abkit.persistence;

import dev.abkit.core.event.MetricName;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ShippedExperiments;
import dev.abkit.core.port.out.EventStore;
import dev.abkit.core.port.out.EventStore.ResultsScope;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Measures the event store's results on PostgreSQL with 1,000,000 devices (StatisticsAtScaleMeasurement's
 * load) and 10,000,000 events of 3 metrics over the last 10 days, for docs/performance.md. Not a test (the
 * load takes minutes); run by hand as StatisticsAtScaleMeasurement, with this class. The events are
 * bulk-loaded with SQL, and the per-device rows and counters computed from them by SQL as ingestion
 * would have left them (and the devices per day as registrations would have); the whole-life figures are
 * then checked against a scan (the same question as a window from the epoch), and the devices per day
 * against the assignments, before anything is timed.
 */
public final class ResultsAtScaleMeasurement {

    private static final int EVENTS = 10_000_000;

    public static void main(String[] args) throws SQLException {
        try (TestStore store = TestStore.open(TestStore.Kind.POSTGRESQL, null); Instance instance = store.start()) {
            instance.storage().maintainEvents();
            StatisticsAtScaleMeasurement.load(store);
            load(store);
            EventStore events = instance.storage().eventStore();
            MetricName purchase = MetricName.of("purchase");
            Set<DeviceToken> overridden = Set.of(DeviceToken.of("bulk-7"), DeviceToken.of("bulk-8"));
            ResultsScope wholeLife = new ResultsScope(ShippedExperiments.BUTTON_COLOR, purchase, Optional.empty(),
                    Optional.empty(), false, overridden);
            ResultsScope everything = new ResultsScope(ShippedExperiments.BUTTON_COLOR, purchase,
                    Optional.of(Instant.EPOCH), Optional.empty(), false, overridden);
            if (DayCounterCheck.differing(store) != 0) {
                throw new IllegalStateException("option_day_count differs from the assignments by day");
            }
            if (!events.figures(wholeLife).equals(events.figures(everything))) {
                throw new IllegalStateException("counters and scan differ: " + events.figures(wholeLife) + " vs "
                        + events.figures(everything));
            }
            Instant now = Instant.now();
            StatisticsAtScaleMeasurement.report("figures, whole life (counters), 2 overridden", 1000,
                    () -> events.figures(wholeLife).overridden());
            StatisticsAtScaleMeasurement.report("daily, whole life", 10,
                    () -> events.daily(ShippedExperiments.BUTTON_COLOR, purchase, overridden, now).size());
            StatisticsAtScaleMeasurement.report("figures, a window of the last day (scan)", 5,
                    () -> events.figures(new ResultsScope(ShippedExperiments.BUTTON_COLOR, purchase,
                            Optional.of(now.minus(Duration.ofDays(1))), Optional.of(now), false, overridden)).overridden());
            StatisticsAtScaleMeasurement.report("the devices before the last day's end by the join windows used before V14", 5,
                    () -> store.count("select count(*) from (select a.option_value, count(*) from assignment a"
                            + " join device d on d.token = a.device_token where a.experiment_key = 'button_color'"
                            + " and a.option_value is not null and d.first_seen < now() group by a.option_value) c"));
            StatisticsAtScaleMeasurement.report("figures, from the epoch (scan of all 3.3 M purchases)", 3,
                    () -> events.figures(everything).overridden());
        }
    }

    private static void load(TestStore store) throws SQLException {
        long start = System.nanoTime();
        // device g % 1M; metric by g % 3; spread over the last 10 days, at or after first_seen (now at the load)
        // for most, some before it (not counted); a value on every other purchase
        store.execute("insert into event (device_token, event_id, metric, occurred_at, received_at, amount)"
                + " select 'bulk-' || (g % 1000000), 'e' || g, (array['open', 'purchase', 'checkout.completed'])[g % 3 + 1],"
                + " now() - make_interval(secs => (g % 864000)), now() - make_interval(secs => (g % 864000)),"
                + " case when g % 6 = 1 then (g % 50)::float8 end"
                + " from generate_series(0, " + (EVENTS - 1) + ") g");
        store.execute("update device set first_seen = now() - interval '11 days' where token not like 'bulk-9%'");
        StatisticsAtScaleMeasurement.countDays(store);
        store.execute("""
                insert into device_metric (device_token, metric, events, valued, total, first_at)
                select e.device_token, e.metric, count(*), count(e.amount), coalesce(sum(e.amount), 0), min(e.occurred_at)
                from event e join device d on d.token = e.device_token
                where e.occurred_at >= d.first_seen group by e.device_token, e.metric""");
        store.execute("""
                insert into metric_count (experiment_key, metric, option_value, stripe, converters, valued, total, total_sq)
                select a.experiment_key, m.metric, a.option_value, mod(abs(hashtext(a.device_token)), 16),
                       count(*), sum(m.valued), sum(m.total), sum(m.total * m.total)
                from device_metric m join assignment a on a.device_token = m.device_token
                where a.option_value is not null group by 1, 2, 3, 4""");
        store.execute("""
                insert into metric_day_count (experiment_key, metric, event_day, option_value, stripe, converters)
                select a.experiment_key, m.metric, cast(m.first_at at time zone 'UTC' as date), a.option_value,
                       mod(abs(hashtext(a.device_token)), 16), count(*)
                from device_metric m join assignment a on a.device_token = m.device_token
                where a.option_value is not null group by 1, 2, 3, 4, 5""");
        store.execute("vacuum analyze");
        System.out.printf("loaded %,d events, their per-device rows and counters in %d s%n", EVENTS,
                (System.nanoTime() - start) / 1_000_000_000);
    }
}
