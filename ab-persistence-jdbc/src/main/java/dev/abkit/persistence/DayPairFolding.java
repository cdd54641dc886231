package dev.abkit.persistence;

import dev.abkit.core.event.EventTime;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

/**
 * Folds the stripes of settled day-pair cells onto stripe 0, daily (decision 22): a window of whole days reads
 * every stripe's row of every cell inside it, and a long experiment's cells are spread over up to 16 stripes,
 * which made a year's window read 3.2 million rows instead of 200,000. A cell is settled when its second day is
 * older than any event or exposure still accepted ({@link EventTime#MAX_AGE}, 30 days, plus two days for the clocks
 * of other instances): every change of a device's day writes cells whose second day is that day or later, so no
 * batch writes a settled cell again, and readers, who add the stripes up, see the same sums before and after. (A
 * batch that did, through the port without the core's check of event times, would on PostgreSQL write a stripe's
 * row anew, still exact; H2's three statements are not atomic against such a writer, and H2 is one process whose
 * batches all pass the core.) On PostgreSQL partial indexes of the striped rows (V19) find the cells to fold.
 */
final class DayPairFolding {

    /** The newest second day of a settled cell is this many days before today. */
    static final int SETTLED_AFTER_DAYS = (int) EventTime.MAX_AGE.toDays() + 2;

    private static final List<String> TABLES = List.of("day_pair_count", "exposed_day_pair_count");
    private static final String KEY = "experiment_key, metric, second_day, first_day, option_value";

    private DayPairFolding() {
    }

    /** Folds the cells whose second day is before {@code today} less {@link #SETTLED_AFTER_DAYS}. */
    static void fold(Connection connection, DatabaseKind kind, LocalDate today) throws SQLException {
        LocalDate before = today.minusDays(SETTLED_AFTER_DAYS);
        for (String table : TABLES) {
            if (kind == DatabaseKind.POSTGRESQL) {
                run(connection, """
                        with folded as (
                          delete from %1$s where second_day < ? and stripe <> 0
                          returning %2$s, devices, valued, total, product)
                        insert into %1$s as c (%2$s, stripe, devices, valued, total, product)
                        select %2$s, 0, sum(devices), sum(valued), sum(total), sum(product) from folded group by %2$s
                        on conflict (%2$s, stripe) do update set devices = c.devices + excluded.devices,
                          valued = c.valued + excluded.valued, total = c.total + excluded.total,
                          product = c.product + excluded.product""".formatted(table, KEY), before);
            } else {
                foldOnH2(connection, table, before);
            }
        }
    }

    /** H2 has no delete that returns its rows into an insert: stripe 0's rows made, added to, then the others gone. */
    private static void foldOnH2(Connection connection, String table, LocalDate before) throws SQLException {
        run(connection, """
                insert into %1$s (%2$s, stripe, devices, valued, total, product)
                select %2$s, 0, 0, 0, 0, 0 from %1$s where second_day < ? and stripe <> 0 group by %2$s
                on conflict do nothing""".formatted(table, KEY), before);
        String same = "o.experiment_key = c.experiment_key and o.metric = c.metric and o.second_day = c.second_day"
                + " and o.first_day = c.first_day and o.option_value = c.option_value and o.stripe <> 0";
        run(connection, """
                update %1$s c set
                  devices = devices + (select sum(o.devices) from %1$s o where %2$s),
                  valued = valued + (select sum(o.valued) from %1$s o where %2$s),
                  total = total + (select sum(o.total) from %1$s o where %2$s),
                  product = product + (select sum(o.product) from %1$s o where %2$s)
                where c.stripe = 0 and c.second_day < ? and exists (select 1 from %1$s o where %2$s)"""
                .formatted(table, same), before);
        run(connection, "delete from %s where second_day < ? and stripe <> 0".formatted(table), before);
    }

    private static void run(Connection connection, String sql, LocalDate before) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, before);
            statement.executeUpdate();
        }
    }
}
