package dev.abkit.persistence;

/**
 * What a test asks of {@code metric_count}: that the whole-life counters equal what the stored events give.
 * Published in this module's test-jar, so that ab-server's failure tests ask the same as bench/ingest.sh.
 */
public final class MetricCounterCheck {

    /**
     * The (experiment, metric, option) whose counter rows add up to other figures than the stored events:
     * each device's counted events (at or after its first_seen, R2) take their figures off the counters of
     * every option the device holds (H2 has no full join). Totals are compared to a millionth.
     */
    public static final String DIFFERING = """
            select count(*) from (
              select experiment_key, metric, option_value from (
                select experiment_key, metric, option_value, converters, valued, total, total_sq from metric_count
                union all
                select a.experiment_key, p.metric, a.option_value, -1, -p.valued, -p.total, -(p.total * p.total)
                from (select e.device_token, e.metric, count(e.amount) as valued, coalesce(sum(e.amount), 0) as total
                      from event e join device d on d.token = e.device_token
                      where e.occurred_at >= d.first_seen
                      group by e.device_token, e.metric) p
                join assignment a on a.device_token = p.device_token and a.option_value is not null) counted_and_stored
              group by experiment_key, metric, option_value
              having sum(converters) <> 0 or sum(valued) <> 0
                  or abs(sum(total)) > 1e-6 or abs(sum(total_sq)) > 1e-6) differing""";

    /**
     * The (experiment, metric, option) whose day-pair counters (V18) over every day give other figures than the
     * whole-life counters: the devices of the cells of their first day, the day sums, and the products, those of
     * two different days twice (decision 22). Totals are compared to a millionth.
     */
    public static final String DAY_PAIRS_DIFFERING = """
            select count(*) from (
              select experiment_key, metric, option_value from (
                select experiment_key, metric, option_value, converters, valued, total, total_sq from metric_count
                union all
                select experiment_key, metric, option_value,
                       -sum(case when first_day = second_day then devices else 0 end),
                       -sum(case when first_day = second_day then valued else 0 end),
                       -sum(case when first_day = second_day then total else 0 end),
                       -sum(case when first_day = second_day then product else 2 * product end)
                from day_pair_count group by experiment_key, metric, option_value) both_counters
              group by experiment_key, metric, option_value
              having sum(converters) <> 0 or sum(valued) <> 0
                  or abs(sum(total)) > 1e-6 or abs(sum(total_sq)) > 1e-6) differing""";

    /**
     * The (experiment, metric, option) whose day-pair cells of two different days, the links between a device's
     * consecutive event days that windows starting after its first day count it by (decision 22), hold other
     * devices than the stored events give: k − 1 for a device with counted events on k UTC days (PostgreSQL).
     */
    public static final String DAY_PAIR_LINKS_DIFFERING = """
            select count(*) from (
              select experiment_key, metric, option_value from (
                select experiment_key, metric, option_value, devices as links from day_pair_count
                where first_day < second_day
                union all
                select a.experiment_key, p.metric, a.option_value, -(p.days - 1)
                from (select e.device_token, e.metric,
                             count(distinct floor(extract(epoch from e.occurred_at) / 86400)) as days
                      from event e join device d on d.token = e.device_token
                      where e.occurred_at >= d.first_seen
                      group by e.device_token, e.metric) p
                join assignment a on a.device_token = p.device_token and a.option_value is not null) links
              group by experiment_key, metric, option_value
              having sum(links) <> 0) differing""";

    private MetricCounterCheck() {
    }
}
