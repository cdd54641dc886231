package dev.abkit.persistence;

/**
 * What a test asks of {@code option_day_count}: that it counts exactly the stored assignments by day. Published
 * in this module's test-jar, so that ab-server's failure tests ask the same.
 */
public final class DayCounterCheck {

    /**
     * The (experiment, day, option) whose counter rows add up to another number than their devices: each
     * stored device takes one off its counter's sum (H2 has no full join). The UTC day from epoch seconds: H2
     * casts a time to a date in the JVM's zone, even after {@code at time zone 'UTC'}.
     */
    public static final String DIFFERING = """
            select count(*) from (
              select experiment_key, first_day, option_value from (
                select experiment_key, first_day, option_value, devices from option_day_count
                union all
                select a.experiment_key,
                       date '1970-01-01' + cast(floor(extract(epoch from d.first_seen) / 86400) as integer),
                       a.option_value, -1
                from assignment a join device d on d.token = a.device_token
                where a.option_value is not null) counted_and_stored
              group by experiment_key, first_day, option_value
              having sum(devices) <> 0) differing""";

    private DayCounterCheck() {
    }

    static long differing(TestStore store) {
        return store.count(DIFFERING);
    }
}
