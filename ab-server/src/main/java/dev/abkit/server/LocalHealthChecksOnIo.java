package dev.abkit.server;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.concurrent.ExecutorService;

/**
 * Micronaut's health checks that look at this machine only (free disk space, deadlocked threads)
 * run on the I/O executor, not on the blocking one, which is the database's: there they waited
 * behind requests stuck on a database that stopped answering, or were refused with them when its
 * queue was full, and {@code /health} failed as a whole instead of reporting.
 */
@Singleton
@SuppressWarnings("rawtypes") // the checks are AbstractHealthIndicator<T> for various T
final class LocalHealthChecksOnIo implements BeanCreatedEventListener<AbstractHealthIndicator> {

    private final BeanProvider<ExecutorService> io;

    LocalHealthChecksOnIo(@Named(TaskExecutors.IO) BeanProvider<ExecutorService> io) {
        this.io = io;
    }

    @Override
    public AbstractHealthIndicator onCreated(BeanCreatedEvent<AbstractHealthIndicator> event) {
        AbstractHealthIndicator check = event.getBean();
        check.setExecutorService(io.get());
        return check;
    }
}
