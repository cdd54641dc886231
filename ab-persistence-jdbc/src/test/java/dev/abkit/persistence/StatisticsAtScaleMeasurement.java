package dev.abkit.persistence;

import dev.abkit.core.contract.StoragePorts;
import dev.abkit.core.service.StatisticsService;

import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Measures the statistics with 1,000,000 enrolled devices on PostgreSQL, for docs/performance.md.
 * Not a test (the load alone takes a minute); run by hand, see docs/performance.md for the command.
 * The devices are bulk-loaded with SQL, as the adapter would have stored them (device, assignment
 * with slots, striped counters), since registering a million through the adapter takes too long here.
 */
public final class StatisticsAtScaleMeasurement {

    private static final int DEVICES = 1_000_000;

    public static void main(String[] args) throws SQLException {
        try (TestStore store = TestStore.open(TestStore.Kind.POSTGRESQL, null); Instance instance = store.start()) {
            load(store);
            StoragePorts ports = instance.ports();
            StatisticsService statistics = new StatisticsService(ports.experiments(), ports.counts(), Clock.systemUTC());
            if (statistics.report().devices() != DEVICES) {
                throw new IllegalStateException("load failed: " + statistics.report().devices() + " devices");
            }
            report("StatisticsService.report() on the adapters (counters)", 1000,
                    () -> statistics.report().devices());
            report("the same counts by scanning assignments instead (not used)", 10,
                    () -> store.count("select count(*) from (select experiment_key, option_value, count(*)"
                            + " from assignment group by experiment_key, option_value) c")
                            + store.count("select count(*) from device"));
        }
    }

    /** The devices, assignments and counters as registrations leave them. */
    static void load(TestStore store) throws SQLException {
        long start = System.nanoTime();
        store.execute("insert into device (token, first_seen) select 'bulk-' || g, now()"
                + " from generate_series(0, " + (DEVICES - 1) + ") g");
        // slot g of each experiment, with the value its block design gives (3 colours; price 15/2/1/2 of 20)
        store.execute("insert into assignment (device_token, experiment_key, option_value, slot)"
                + " select 'bulk-' || g, 'button_color', (array['#FF0000', '#00FF00', '#0000FF'])[g % 3 + 1], g"
                + " from generate_series(0, " + (DEVICES - 1) + ") g");
        store.execute("insert into assignment (device_token, experiment_key, option_value, slot)"
                + " select 'bulk-' || g, 'price', case when g % 20 < 15 then '10' when g % 20 < 17 then '20'"
                + " when g % 20 < 18 then '50' else '5' end, g"
                + " from generate_series(0, " + (DEVICES - 1) + ") g");
        store.execute("select setval('experiment_slot_1', " + DEVICES + ", false)");
        store.execute("select setval('experiment_slot_2', " + DEVICES + ", false)");
        // the counters as registrations leave them, spread over the 16 stripes (by PostgreSQL's hash of
        // the token here, by Java's in the adapter: the spread, not the function, is what matters)
        store.execute("update device_count c set devices = s.devices from (select stripe, count(*) devices from"
                + " (select mod(abs(hashtext(token)), 16) stripe from device) d group by stripe) s"
                + " where c.stripe = s.stripe");
        store.execute("update option_count c set devices = s.devices from (select experiment_key, option_value,"
                + " mod(abs(hashtext(device_token)), 16) stripe, count(*) devices from assignment"
                + " group by 1, 2, 3) s where (c.experiment_key, c.option_value, c.stripe)"
                + " = (s.experiment_key, s.option_value, s.stripe)");
        countDays(store);
        store.execute("vacuum analyze");
        System.out.printf("loaded %,d devices and %,d assignments in %d s%n", DEVICES, 2L * DEVICES,
                (System.nanoTime() - start) / 1_000_000_000);
    }

    /** {@code option_day_count} as registrations leave it, after the devices' first_seen was set. */
    static void countDays(TestStore store) throws SQLException {
        store.execute("delete from option_day_count");
        store.execute("insert into option_day_count (experiment_key, first_day, option_value, stripe, devices)"
                + " select a.experiment_key, cast(d.first_seen at time zone 'UTC' as date), a.option_value,"
                + " mod(abs(hashtext(a.device_token)), 16), count(*)"
                + " from assignment a join device d on d.token = a.device_token"
                + " where a.option_value is not null group by 1, 2, 3, 4");
    }

    static void report(String what, int runs, LongSupplier call) {
        for (int i = 0; i < Math.min(runs, 100); i++) {
            call.getAsLong(); // warm-up: JIT, prepared statements, buffer cache
        }
        long[] micros = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            call.getAsLong();
            micros[i] = (System.nanoTime() - start) / 1000;
        }
        Arrays.sort(micros);
        System.out.printf("%s: %d runs, median %.2f ms, p99 %.2f ms, max %.2f ms%n", what, runs,
                micros[runs / 2] / 1000.0, micros[(int) (runs * 0.99)] / 1000.0, micros[runs - 1] / 1000.0);
    }
}
