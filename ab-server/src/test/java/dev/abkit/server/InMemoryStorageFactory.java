package dev.abkit.server;

import dev.abkit.core.error.StorageUnavailableException;
import dev.abkit.core.memory.InMemoryDevices;
import dev.abkit.core.memory.InMemoryExperiments;
import dev.abkit.core.memory.InMemorySlotCounters;
import dev.abkit.core.model.Device;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.ShippedExperiments;
import dev.abkit.core.port.out.Devices;
import dev.abkit.core.port.out.Enrollment;
import dev.abkit.core.port.out.EnrollmentCounts;
import dev.abkit.core.port.out.Experiments;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import io.micronaut.jdbc.DataSourceResolver;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * TEST STAND-IN for the storage adapter (ab-persistence-jdbc), which is not on this branch yet:
 * the core's in-memory adapters with the shipped experiments (R5), one set per database URL so
 * that two servers on the same URL share them as they would share a database. Every call first checks that
 * the test's PostgreSQL database answers, so a database outage surfaces as
 * {@link StorageUnavailableException}, as with the real adapter. Once the adapter is merged,
 * delete this class: every system test, the outage test included, then runs on the real beans.
 */
@Factory
class InMemoryStorageFactory {

    /**
     * Asks the real datasource for a connection before every port call, so that a database that
     * cannot be reached fails the call with {@link StorageUnavailableException}, as the storage
     * adapter does. The data itself lives in memory.
     */
    @Singleton
    static final class Reachability {
        private final DataSource dataSource;

        Reachability(DataSource dataSource, DataSourceResolver resolver) {
            // The pool itself, not Micronaut Data's view of it that wants a surrounding transaction.
            this.dataSource = resolver.resolve(dataSource);
        }

        void check() {
            try (Connection connection = dataSource.getConnection()) {
                connection.isValid(1);
            } catch (SQLException e) {
                throw new StorageUnavailableException("database unreachable", e);
            }
        }
    }

    /**
     * The in-memory data of one database URL, shared by every server of the JVM that uses that URL,
     * as servers share a real database.
     */
    private record Stored(InMemoryExperiments experiments, InMemoryDevices devices) {
        private static final Map<String, Stored> BY_URL = new ConcurrentHashMap<>();

        static Stored of(String url) {
            return BY_URL.computeIfAbsent(url, ignored -> {
                InMemoryExperiments experiments = new InMemoryExperiments();
                ShippedExperiments.all().forEach(experiments::add);
                return new Stored(experiments, new InMemoryDevices(new InMemorySlotCounters()));
            });
        }
    }

    @Singleton
    @Bean(typed = Experiments.class)
    Experiments experiments(Reachability reachability, @Value("${datasources.default.url}") String url) {
        InMemoryExperiments experiments = Stored.of(url).experiments();
        return new Experiments() {
            @Override
            public void add(Experiment experiment) {
                reachability.check();
                experiments.add(experiment);
            }

            @Override
            public void updateStatus(Experiment experiment) {
                reachability.check();
                experiments.updateStatus(experiment);
            }

            @Override
            public Optional<Experiment> find(ExperimentKey key) {
                reachability.check();
                return experiments.find(key);
            }

            @Override
            public List<Experiment> all() {
                reachability.check();
                return experiments.all();
            }

            @Override
            public List<Experiment> running() {
                reachability.check();
                return experiments.running();
            }
        };
    }

    @Singleton
    @Bean(typed = InMemoryDevices.class)
    InMemoryDevices inMemoryDevices(@Value("${datasources.default.url}") String url) {
        return Stored.of(url).devices();
    }

    @Singleton
    @Bean(typed = Devices.class)
    Devices devices(InMemoryDevices devices, Reachability reachability) {
        return new Devices() {
            @Override
            public Optional<Device> find(DeviceToken token) {
                reachability.check();
                return devices.find(token);
            }

            @Override
            public Device registerOnce(DeviceToken token, Instant firstSeen, Enrollment enrollment) {
                reachability.check();
                return devices.registerOnce(token, firstSeen, enrollment);
            }
        };
    }

    @Singleton
    @Bean(typed = EnrollmentCounts.class)
    EnrollmentCounts enrollmentCounts(InMemoryDevices devices, Reachability reachability) {
        return new EnrollmentCounts() {
            @Override
            public long registeredDevices() {
                reachability.check();
                return devices.registeredDevices();
            }

            @Override
            public List<OptionCount> optionCounts() {
                reachability.check();
                return devices.optionCounts();
            }
        };
    }
}
