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
    private final RepeatedCheck check;

    ScheduleTimer(AbKit abkit, @Named(TaskExecutors.SCHEDULED) ExecutorService scheduler,
                  @Value("${abkit.schedule.check-every:250ms}") Duration every) {
        this.abkit = abkit;
        this.check = new RepeatedCheck("the check for due schedules", this::carryOutDue, LOG, scheduler,
                Duration.ZERO, every);
    }

    private void carryOutDue() {
        for (Experiment changed : abkit.carryOutSchedules().carryOutDue()) {
            LOG.info("experiment {} is {} as scheduled", changed.key(), changed.status());
        }
    }

    @PreDestroy
    void stop() {
        check.stop();
    }
}
