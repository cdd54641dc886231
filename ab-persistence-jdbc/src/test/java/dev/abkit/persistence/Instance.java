package dev.abkit.persistence;

import dev.abkit.core.contract.StoragePorts;
import io.micronaut.context.ApplicationContext;

import java.util.HashMap;
import java.util.Map;

/**
 * One abkit server instance's storage, for tests: a Micronaut context with its own connection
 * pool on {@code url}, migrated by Flyway at start, exposing the adapter beans.
 */
final class Instance implements AutoCloseable {

    private final ApplicationContext context;

    private Instance(ApplicationContext context) {
        this.context = context;
    }

    static Instance start(String url, String user) {
        return start(Map.of(
                "datasources.default.url", url,
                "datasources.default.username", user,
                "datasources.default.password", ""));
    }

    static Instance start(Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>();
        all.put("datasources.default.maximum-pool-size", 10);
        all.put("flyway.datasources.default.enabled", true);
        all.putAll(properties);
        return new Instance(ApplicationContext.builder().deduceEnvironment(false).properties(all).start());
    }

    StoragePorts ports() {
        return new StoragePorts(
                context.getBean(JdbcExperiments.class),
                context.getBean(JdbcDevices.class),
                context.getBean(JdbcEnrollmentCounts.class),
                () -> context.getBean(LostSlots.class).recover());
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
