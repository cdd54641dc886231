package dev.abkit.server;

import dev.abkit.core.AbKit;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * {@code /health} is DOWN while the running experiments could not be re-read for longer than
 * {@code abkit.cache.running-stale-after}: this server then serves a snapshot that may miss an
 * experiment stopped or started elsewhere. It looks only at memory, so it answers even while the
 * database hangs. It lives here, beside the management module that serves {@code /health}, so that
 * the HTTP adapter needs no health framework.
 */
@Singleton
final class RunningExperimentsHealth implements HealthIndicator {

    private final AbKit abkit;
    private final Duration staleAfter;
    private final Clock clock = Clock.systemUTC();
    /** Until the first read, the age counts from here: a server just started is not stale. */
    private final Instant started = clock.instant();

    RunningExperimentsHealth(AbKit abkit, @Value("${abkit.cache.running-stale-after:5s}") Duration staleAfter) {
        this.abkit = abkit;
        this.staleAfter = staleAfter;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Instant readAt = abkit.runningExperimentsReadAt();
        Duration age = Duration.between(readAt == null ? started : readAt, clock.instant());
        HealthStatus status = age.compareTo(staleAfter) > 0 ? HealthStatus.DOWN : HealthStatus.UP;
        return Publishers.just(HealthResult.builder("runningExperiments", status)
                .details(Map.of("loadedMillisAgo", age.toMillis(), "staleAfterMillis", staleAfter.toMillis()))
                .build());
    }
}
