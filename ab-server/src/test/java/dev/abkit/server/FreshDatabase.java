package dev.abkit.server;

import dev.abkit.persistence.PostgresServer;
import io.micronaut.test.support.TestPropertyProvider;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gives each test class a PostgreSQL database of its own on the tests' {@link PostgresServer}
 * (localhost:5432 or {@code AB_TEST_DB_URL}), so that what one class creates (experiments, devices,
 * slots) cannot change what another counts. The databases are dropped when the test JVM ends.
 * Test classes that implement it must be {@code @TestInstance(PER_CLASS)}.
 */
interface FreshDatabase extends TestPropertyProvider {

    PostgresServer POSTGRES = PostgresServer.fromEnvironment();
    Map<Class<?>, String> NAMES = new ConcurrentHashMap<>();

    @Override
    default Map<String, String> getProperties() {
        String name = NAMES.computeIfAbsent(getClass(), type -> createDroppedAtExit());
        return Map.of(
                "datasources.default.url", POSTGRES.urlOf(name),
                "datasources.default.username", POSTGRES.user(),
                "datasources.default.password", "");
    }

    /** The name of this class's database. */
    default String databaseName() {
        return NAMES.get(getClass());
    }

    private static String createDroppedAtExit() {
        String name = POSTGRES.createDatabase();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                POSTGRES.dropDatabase(name);
            } catch (IllegalStateException e) {
                System.err.println("could not drop test database " + name + ": " + e.getMessage());
            }
        }));
        return name;
    }
}
