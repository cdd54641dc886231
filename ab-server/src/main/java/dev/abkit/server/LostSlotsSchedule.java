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

/**
 * Checks for lost slots every {@code abkit.slots.check-every} (1 s), on every instance: a slot that
 * a failed registration left is handed out again within about two checks (R3 after failures).
 * While the database is down the check fails quietly, once in the log, and resumes by itself.
 */
@Context
final class LostSlotsSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(LostSlotsSchedule.class);

    private final RepeatedCheck check;

    LostSlotsSchedule(JdbcStorage storage, @Named(TaskExecutors.SCHEDULED) ExecutorService scheduler,
                      @Value("${abkit.slots.check-every:1s}") Duration every) {
        this.check = new RepeatedCheck("the check for lost slots", storage::checkLostSlots, LOG, scheduler,
                every, every);
    }

    @PreDestroy
    void stop() {
        check.stop();
    }
}
