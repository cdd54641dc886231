package dev.abkit.server;

import dev.abkit.core.AbKit;
import dev.abkit.core.model.Experiment;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Carries out due starts and ends every {@code abkit.schedule.check-every} (250 ms), on every
 * instance, from start-up on: a start or end happens within about that much of its instant, once
 * (the core's compare-and-set), and one that came due while no server ran happens at the first
 * check after start-up. While the database is down the check fails quietly, once in the log, and
 * resumes by itself.
 */
@Context
final class ScheduleTimer {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleTimer.class);

    private final AbKit abkit;
    private final ScheduledFuture<?> schedule;
    private volatile boolean failing;

    ScheduleTimer(AbKit abkit, @Named(TaskExecutors.SCHEDULED) ExecutorService scheduler,
                  @Value("${abkit.schedule.check-every:250ms}") Duration every) {
        this.abkit = abkit;
        this.schedule = ((ScheduledExecutorService) scheduler)
                .scheduleWithFixedDelay(this::check, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void check() {
        try {
            for (Experiment changed : abkit.carryOutSchedules().carryOutDue()) {
                LOG.info("experiment {} is {} as scheduled", changed.key(), changed.status());
            }
            if (failing) {
                failing = false;
                LOG.info("the check for due schedules runs again");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warn("cannot check for due schedules; retrying every interval: {}", e.toString());
            }
        }
    }

    @PreDestroy
    void stop() {
        schedule.cancel(false);
    }
}
