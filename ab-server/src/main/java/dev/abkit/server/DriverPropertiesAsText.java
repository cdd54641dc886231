package dev.abkit.server;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

/**
 * Hands the JDBC driver its properties ({@code datasources.*.data-source-properties}) as text. Hikari
 * passes them in a {@link java.util.Properties}, whose {@code getProperty} sees String values only,
 * and that is how the PostgreSQL driver reads them: a number in the configuration ({@code socketTimeout:
 * 3}, or a placeholder that resolves to one) arrives as an Integer and is ignored without a word,
 * which left the connections without a socket timeout.
 */
@Singleton
final class DriverPropertiesAsText implements BeanCreatedEventListener<DatasourceConfiguration> {

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration configuration = event.getBean();
        configuration.getDataSourceProperties().replaceAll((name, value) -> String.valueOf(value));
        return configuration;
    }
}
