package dev.abkit.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.abkit.core.contract.StoragePorts;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * One abkit server instance's storage, for tests: a connection pool of its own on {@code url},
 * and the adapter built on it the way a service embeds it, migrated at start.
 */
final class Instance implements AutoCloseable {

    private final HikariDataSource pool;
    private final JdbcStorage storage;

    private Instance(HikariDataSource pool, JdbcStorage storage) {
        this.pool = pool;
        this.storage = storage;
    }

    static Instance start(String url, String user) {
        return start(url, user, pool -> { }, dataSource -> dataSource);
    }

    /**
     * @param tuning  settings of the pool beyond URL and user
     * @param network what stands between the adapter and the pool, e.g. a network that loses replies
     */
    static Instance start(String url, String user, Consumer<HikariConfig> tuning, UnaryOperator<DataSource> network) {
        return start(url, user, tuning, network, new EventRetention(EventRetention.DEFAULT, Clock.systemUTC()));
    }

    /** @param retention how long raw events are kept, by whose clock */
    static Instance start(String url, String user, Consumer<HikariConfig> tuning, UnaryOperator<DataSource> network,
                          EventRetention retention) {
        return start(url, user, tuning, network, retention, AnalystScanLimits.DEFAULT);
    }

    /**
     * On a database another instance migrated already (Flyway needs two connections, this pool may have one).
     *
     * @param analystScans what the scans of raw events may take
     */
    static Instance onMigrated(String url, String user, Consumer<HikariConfig> tuning, AnalystScanLimits analystScans) {
        HikariDataSource pool = pool(url, user, tuning);
        return new Instance(pool, JdbcStorage.on(pool, EventRetention.DEFAULT, analystScans));
    }

    private static Instance start(String url, String user, Consumer<HikariConfig> tuning,
                                  UnaryOperator<DataSource> network, EventRetention retention,
                                  AnalystScanLimits analystScans) {
        HikariDataSource pool = pool(url, user, tuning);
        try {
            return new Instance(pool, JdbcStorage.migrated(network.apply(pool), retention, analystScans));
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static HikariDataSource pool(String url, String user, Consumer<HikariConfig> tuning) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (!user.isEmpty()) {
            config.setUsername(user);
        }
        config.setMaximumPoolSize(10);
        tuning.accept(config);
        return new HikariDataSource(config);
    }

    /** The storage on a database nobody migrated, such as one that cannot be reached. */
    static Instance unmigrated(Consumer<HikariConfig> settings) {
        HikariConfig config = new HikariConfig();
        settings.accept(config);
        HikariDataSource pool = new HikariDataSource(config);
        return new Instance(pool, JdbcStorage.on(pool));
    }

    StoragePorts ports() {
        return new StoragePorts(storage.experiments(), storage.devices(), storage.enrollmentCounts(),
                storage::recoverLostSlots);
    }

    /** The instance's connection pool, as its storage gets it. */
    DataSource pool() {
        return pool;
    }

    JdbcStorage storage() {
        return storage;
    }

    @Override
    public void close() {
        pool.close();
    }
}
