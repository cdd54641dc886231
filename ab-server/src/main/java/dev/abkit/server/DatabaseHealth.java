package dev.abkit.server;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.health.HealthStatus;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.management.health.aggregator.HealthAggregator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.jdbc.JdbcIndicator;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import javax.sql.DataSource;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * Micronaut's database check, which runs on the blocking executor, reported DOWN when that executor's
 * queue is full instead of failing {@code /health} as a whole: a server too busy to check its
 * database cannot serve with it either, and {@code /health} should still say so in its own words.
 */
@Singleton
@Replaces(JdbcIndicator.class)
@Requires(beans = {HealthEndpoint.class, DataSource.class})
@Requires(property = "endpoints.health.jdbc.enabled", notEquals = "false")
final class DatabaseHealth extends JdbcIndicator {

    DatabaseHealth(@Named(TaskExecutors.BLOCKING) ExecutorService blocking, DataSource[] dataSources,
                   @Nullable DataSourceResolver dataSourceResolver, HealthAggregator<?> healthAggregator) {
        super(blocking, dataSources, dataSourceResolver, healthAggregator);
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Flux.from(super.getResult()).onErrorResume(RejectedExecutionException.class,
                busy -> Mono.just(HealthResult.builder("jdbc", HealthStatus.DOWN).exception(busy).build()));
    }
}
