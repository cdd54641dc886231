package dev.abkit.persistence;

/**
 * What a test asks of {@code option_day_count}: that it counts exactly the stored assignments by day. Published
 * in this module's test-jar, so that ab-server's failure tests ask the same.
 */
public final class DayCounterCheck {

    /**
     * The (experiment, day, option) whose counter rows add up to another number than their devices: each
     * stored device takes one off its counter's sum (H2 has no full join).
     */
    public static final String DIFFERING = """
            select count(*) from (
              select experiment_key, first_day, option_value from (
                select experiment_key, first_day, option_value, devices from option_day_count
                union all
                select a.experiment_key, cast(d.first_seen at time zone 'UTC' as date), a.option_value, -1
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
