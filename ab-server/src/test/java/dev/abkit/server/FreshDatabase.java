package dev.abkit.server;

import io.micronaut.test.support.TestPropertyProvider;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gives each test class a PostgreSQL database of its own (see {@link PostgresDatabases}), so that
 * what one class creates (experiments, devices, slots) cannot change what another counts. Test
 * classes that implement it must be {@code @TestInstance(PER_CLASS)}.
 */
interface FreshDatabase extends TestPropertyProvider {

    Map<Class<?>, String> NAMES = new ConcurrentHashMap<>();

    @Override
    default Map<String, String> getProperties() {
        String name = NAMES.computeIfAbsent(getClass(), type -> PostgresDatabases.create());
        return Map.of(
                "datasources.default.url", PostgresDatabases.urlOf(name),
                "datasources.default.username", PostgresDatabases.user(),
                "datasources.default.password", "");
    }

    /** The name of this class's database. */
    default String databaseName() {
        return NAMES.get(getClass());
    }
}
