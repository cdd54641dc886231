package dev.abkit.server;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

/**
 * An unset {@code AB_DB_USER} or {@code AB_DB_PASSWORD} reaches the datasource as an empty string; handed
 * to the driver, an empty user overrides the driver's own default (PostgreSQL's: the operating system
 * user), and PostgreSQL refuses the connection ("no PostgreSQL user name specified"). Blank means
 * unset, so the driver decides.
 */
@Singleton
final class BlankCredentialsUnset implements BeanCreatedEventListener<DatasourceConfiguration> {

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration configuration = event.getBean();
        if (isBlank(configuration.getUsername())) {
            configuration.setUsername(null);
        }
        if (isBlank(configuration.getPassword())) {
            configuration.setPassword(null);
        }
        return configuration;
    }

    private static boolean isBlank(String value) {
        return value != null && value.isBlank();
    }
}
