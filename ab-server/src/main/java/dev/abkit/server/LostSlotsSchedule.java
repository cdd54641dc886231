package dev.abkit.server;

import dev.abkit.persistence.JdbcStorage;
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
 * Checks for lost slots every {@code abkit.slots.check-every} (1 s), on every instance: a slot that
 * a failed registration left is handed out again within about two checks (R3 after failures).
 * While the database is down the check fails quietly, once in the log, and resumes by itself.
 */
@Context
final class LostSlotsSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(LostSlotsSchedule.class);

    private final JdbcStorage storage;
    private final ScheduledFuture<?> schedule;
    private volatile boolean failing;

    LostSlotsSchedule(JdbcStorage storage, @Named(TaskExecutors.SCHEDULED) ExecutorService scheduler,
                      @Value("${abkit.slots.check-every:1s}") Duration every) {
        this.storage = storage;
        long millis = every.toMillis();
        this.schedule = ((ScheduledExecutorService) scheduler)
                .scheduleWithFixedDelay(this::check, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void check() {
        try {
            storage.checkLostSlots();
            if (failing) {
                failing = false;
                LOG.info("the check for lost slots runs again");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warn("cannot check for lost slots; retrying every interval: {}", e.toString());
            }
        }
    }

    @PreDestroy
    void stop() {
        schedule.cancel(false);
    }
}
