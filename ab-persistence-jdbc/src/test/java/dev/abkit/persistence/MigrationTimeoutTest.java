package dev.abkit.persistence;

import dev.abkit.core.error.StorageUnavailableException;
import dev.abkit.persistence.TestStore.Kind;
import com.zaxxer.hikari.HikariConfig;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An upgrade whose migration fills new tables from many existing rows (V18 from the raw events) runs longer than
 * the server's statement timeout and its driver's wait for a reply; the server still starts, with the migration
 * done, and its connections keep both limits afterwards. (With the pool's connections as they are, the start
 * failed here: "canceling statement due to statement timeout".)
 */
class MigrationTimeoutTest {

    /**
     * The server's limits, shortened: a statement is cut off after 100 ms, a reply awaited at most 1 s. The statement
     * timeout set by a statement of the session, as a pool's init SQL does, so that only putting back the value
     * read before (not {@code reset}, which gives the server's default, none) keeps it.
     */
    static final Consumer<HikariConfig> SHORT_LIMITS = config -> {
        config.setMaximumPoolSize(2); // Flyway holds two
        config.setConnectionInitSql("set statement_timeout = 100");
        config.addDataSourceProperty("socketTimeout", "1");
    };

    @TempDir
    Path directory;

    @Test
    void a_migration_longer_than_the_timeouts_completes_and_the_connections_keep_their_limits() throws SQLException {
        try (TestStore store = TestStore.open(Kind.POSTGRESQL, directory)) {
            Flyway.configure().dataSource(store.url(), store.user(), "")
                    .locations("classpath:db/migration", DatabaseKind.POSTGRESQL.vendorMigrations())
                    .target("17").load().migrate();
            // 4,000 devices holding an option, 200 events each over 10 days: V18's backfill reads 800,000 events.
            store.execute("insert into device (token, first_seen) select 'bulk-' || g, now() - interval '11 days'"
                    + " from generate_series(1, 4000) g");
            store.execute("insert into assignment (device_token, experiment_key, option_value, slot)"
                    + " select 'bulk-' || g, 'button_color', case g % 3 when 0 then '#FF0000' when 1 then '#00FF00'"
                    + " else '#0000FF' end, g from generate_series(1, 4000) g");
            store.execute("insert into event (device_token, event_id, metric, occurred_at, received_at, amount)"
                    + " select 'bulk-' || (g % 4000 + 1), 'e' || g, 'purchase',"
                    + " now() - make_interval(secs => g % 864000), now() - make_interval(secs => g % 864000),"
                    + " case when g % 2 = 0 then (g % 50)::float8 end from generate_series(1, 800000) g");

            try (Instance upgraded = Instance.start(store.url(), store.user(), SHORT_LIMITS, pool -> pool)) {
                assertThat(store.count("select count(*) from device_metric_day")).as("V18 filled it").isPositive();
                assertThat(store.count("select sum(devices) from day_pair_count where first_day = second_day"))
                        .isEqualTo(4000);
                Database database = new Database(upgraded.pool());
                for (int borrow = 0; borrow < 2; borrow++) { // both connections, Flyway's two
                    String limits = database.inTransaction("read the statement timeout", connection -> {
                        try (Statement statement = connection.createStatement();
                             ResultSet rows = statement.executeQuery("show statement_timeout")) {
                            rows.next();
                            return rows.getString(1) + " " + connection.getNetworkTimeout();
                        }
                    });
                    assertThat(limits).isEqualTo("100ms 1000");
                }
                assertThatThrownBy(() -> database.inTransaction("sleep", connection -> {
                    try (Statement statement = connection.createStatement()) {
                        return statement.execute("select pg_sleep(0.5)");
                    }
                })).as("the ordinary limit holds after the migration").isInstanceOf(StorageUnavailableException.class);
            }
        }
    }
}
