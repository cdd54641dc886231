package dev.abkit.server;

import io.micronaut.test.support.TestPropertyProvider;

import java.util.Map;
import java.util.UUID;

/**
 * Gives each test class a database of its own, so that what one class creates (experiments,
 * devices, slots) cannot change what another counts. Test classes that implement it must be
 * {@code @TestInstance(PER_CLASS)}. With the storage adapter merged, the in-memory H2 here is
 * where its Flyway migrations run; a PostgreSQL variant would create and drop a database instead.
 */
interface FreshDatabase extends TestPropertyProvider {

    @Override
    default Map<String, String> getProperties() {
        return Map.of("datasources.default.url", "jdbc:h2:mem:abkit-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    }
}
