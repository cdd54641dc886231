package dev.abkit.bench.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;

/**
 * Loads events at scale straight into abkit's PostgreSQL schema, with the per-device rows and counters
 * computed from them as ingestion would have left them, for bench/results.sh: events {@code 0 .. count-1}
 * of the devices {@code PREFIX1 .. PREFIXdevices} that {@link BulkDevices} registered, round robin, the
 * metric by event number over {@code open}, {@code purchase} and {@code checkout.completed}, spread
 * over the last 10 days (received when they happened, into the partitions of their days, which the server's
 * upkeep would have made), a value on every other purchase.
 *
 * <p>The devices are moved to first-seen 11 days ago, but for those whose number ends in 9: they stay
 * first seen at their registration, so all their events come before their assignment and must not
 * count (R2). The devices per day are recounted to match, as registrations would have left them, and
 * every even-numbered device gets an exposure 5 days ago, so that {@code exposed=true} leaves out half
 * of the devices and the events before the exposure. The event log is moved back to before the first
 * event, so that results may read any window (EventStore.eventsKeptSince). The events' ids are not
 * remembered in {@code event_key}: nothing here retries them.
 *
 * <p>Run it while no server ingests; a sum over stripes is what readers see, so the stripes here are
 * any even spread.
 *
 * <pre>AB_DB_URL=jdbc:postgresql://localhost:5432/x java -cp abkit-bench.jar dev.abkit.bench.tools.BulkEvents PREFIX DEVICES COUNT</pre>
 */
public final class BulkEvents {

    private static final String V18 = "ab-persistence-jdbc/src/main/resources/db/migration/V18__day_pair_counters.sql";
    private static final String BACKFILL = "-- What the raw events kept so far give";

    private BulkEvents() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: BulkEvents PREFIX DEVICES COUNT   (database from AB_DB_URL, AB_DB_USER, AB_DB_PASSWORD)");
            System.exit(2);
        }
        String prefix = args[0].replace("'", "''");
        long devices = Long.parseLong(args[1]);
        long count = Long.parseLong(args[2]);
        long started = System.nanoTime();
        try (Connection connection = Schema.connect(); Statement sql = connection.createStatement()) {
            sql.execute("set work_mem = '128MB'");
            // The server's upkeep creates each day's partition a week ahead, so every past day of a server that
            // ran then has one: without them, all these events would sit in the default partition, and a
            // window's scan could not skip the days outside it.
            sql.execute("""
                    do $$
                    declare
                      day date;
                    begin
                      for day in select generate_series((now() at time zone 'UTC')::date - 11,
                            (now() at time zone 'UTC')::date - 1, interval '1 day')::date loop
                        if to_regclass('event_' || to_char(day, 'YYYYMMDD')) is null then
                          execute format('create table %I partition of event for values from (%L) to (%L)',
                              'event_' || to_char(day, 'YYYYMMDD'), day || ' 00:00:00+00', day + 1 || ' 00:00:00+00');
                        end if;
                      end loop;
                    end $$""");
            sql.execute("insert into event (device_token, event_id, metric, occurred_at, received_at, amount)"
                    + " select '" + prefix + "' || (g % " + devices + " + 1), 'e' || g,"
                    + " (array['open', 'purchase', 'checkout.completed'])[g % 3 + 1],"
                    + " now() - make_interval(secs => (g % 864000)), now() - make_interval(secs => (g % 864000)),"
                    + " case when g % 6 = 1 then (g % 50)::float8 end"
                    + " from generate_series(0, " + (count - 1) + ") g");
            sql.execute("update device set first_seen = now() - interval '11 days' where token not like '%9'");
            sql.execute("update event_log set started_at = least(started_at, now() - interval '12 days')");
            sql.execute("delete from option_day_count");
            sql.execute("""
                    insert into option_day_count (experiment_key, first_day, option_value, stripe, devices)
                    select a.experiment_key, cast(d.first_seen at time zone 'UTC' as date), a.option_value,
                           mod(abs(hashtext(a.device_token)), 16), count(*)
                    from assignment a join device d on d.token = a.device_token
                    where a.option_value is not null group by 1, 2, 3, 4""");
            sql.execute("""
                    insert into exposure (experiment_key, device_token, first_at)
                    select a.experiment_key, a.device_token, now() - interval '5 days'
                    from assignment a
                    where a.option_value is not null and a.device_token ~ '[02468]$'""");
            sql.execute("""
                    insert into device_metric (device_token, metric, events, valued, total, first_at)
                    select e.device_token, e.metric, count(*), count(e.amount), coalesce(sum(e.amount), 0), min(e.occurred_at)
                    from event e join device d on d.token = e.device_token
                    where e.occurred_at >= d.first_seen group by e.device_token, e.metric""");
            sql.execute("""
                    insert into metric_count (experiment_key, metric, option_value, stripe, converters, valued, total, total_sq)
                    select a.experiment_key, m.metric, a.option_value, mod(abs(hashtext(a.device_token)), 16),
                           count(*), sum(m.valued), sum(m.total), sum(m.total * m.total)
                    from device_metric m join assignment a on a.device_token = m.device_token
                    where a.option_value is not null group by 1, 2, 3, 4""");
            sql.execute("""
                    insert into metric_day_count (experiment_key, metric, event_day, option_value, stripe, converters)
                    select a.experiment_key, m.metric, cast(m.first_at at time zone 'UTC' as date), a.option_value,
                           mod(abs(hashtext(a.device_token)), 16), count(*)
                    from device_metric m join assignment a on a.device_token = m.device_token
                    where a.option_value is not null group by 1, 2, 3, 4, 5""");
            // The exposed counters (V15), as event and exposure ingest would have left them.
            sql.execute("""
                    insert into exposed_metric (device_token, experiment_key, metric, events, valued, total, first_at)
                    select x.device_token, x.experiment_key, e.metric, count(*), count(e.amount),
                           coalesce(sum(e.amount), 0), min(e.occurred_at)
                    from exposure x join device d on d.token = x.device_token
                    join event e on e.device_token = x.device_token
                    where e.occurred_at >= x.first_at and e.occurred_at >= d.first_seen
                    group by x.device_token, x.experiment_key, e.metric""");
            sql.execute("""
                    insert into exposed_metric_count (experiment_key, metric, option_value, stripe, converters, valued,
                                                      total, total_sq)
                    select m.experiment_key, m.metric, a.option_value, mod(abs(hashtext(a.device_token)), 16),
                           count(*), sum(m.valued), sum(m.total), sum(m.total * m.total)
                    from exposed_metric m join assignment a
                      on a.device_token = m.device_token and a.experiment_key = m.experiment_key
                    where a.option_value is not null group by 1, 2, 3, 4""");
            sql.execute("""
                    insert into exposed_count (experiment_key, option_value, stripe, devices)
                    select a.experiment_key, a.option_value, mod(abs(hashtext(a.device_token)), 16), count(*)
                    from exposure x join assignment a
                      on a.device_token = x.device_token and a.experiment_key = x.experiment_key
                    where a.option_value is not null group by 1, 2, 3""");
            // The day-pair counters (V18), built by the migration's own backfill from the events just loaded.
            for (String statement : dayPairBackfill()) {
                sql.execute(statement);
            }
            sql.execute("vacuum analyze");
        }
        System.out.printf("loaded %,d events of %,d devices, their per-device rows, counters and exposures in %.0f s%n",
                count, devices, (System.nanoTime() - started) / 1e9);
    }

    /**
     * The statements of migration V18 that fill its tables from the raw events: the bench loads the events after
     * the server has migrated, so it runs them itself (from the repository's root, where bench/results.sh runs).
     */
    private static List<String> dayPairBackfill() throws IOException {
        String migration = Files.readString(Path.of(V18));
        int start = migration.indexOf(BACKFILL);
        if (start < 0) {
            throw new IllegalStateException(V18 + " no longer holds the line \"" + BACKFILL + "\"");
        }
        return Arrays.stream(migration.substring(start).split(";"))
                .map(String::strip).filter(statement -> statement.lines().anyMatch(line -> !line.startsWith("--")))
                .toList();
    }
}
