package dev.abkit.server;

import dev.abkit.persistence.PostgresServer;
import io.micronaut.test.support.TestPropertyProvider;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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

    /** The one number {@code query} answers, read from this class's database directly. */
    default long count(String query) {
        try (Connection connection = POSTGRES.connectTo(databaseName()); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(query + " failed", e);
        }
    }

    /** Runs {@code statement} on this class's database directly: what an operator or a failure does to it. */
    default void sql(String statement) throws SQLException {
        try (Connection connection = POSTGRES.connectTo(databaseName()); Statement run = connection.createStatement()) {
            run.execute(statement);
        }
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
