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
 * Creates the raw events' partitions of the coming days and drops those past the retention
 * ({@code AB_EVENTS_RETENTION}), at start-up and then every {@code abkit.events.upkeep-every} (1 day), on
 * every instance (one at a time does the work). Partitions exist a week ahead, so a day or two of failed
 * upkeep (the database down) loses nothing: events of a day without its partition go to the default one.
 */
@Context
final class EventUpkeepSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(EventUpkeepSchedule.class);

    private final RepeatedCheck upkeep;

    EventUpkeepSchedule(JdbcStorage storage, @Named(TaskExecutors.SCHEDULED) ExecutorService scheduler,
                        @Value("${abkit.events.upkeep-every:1d}") Duration every) {
        // Once before the server takes requests: an event routed to the default partition while the upkeep
        // attaches its day's partition fails that partition's constraint (seen at start-up in tests). A
        // database that is down now only delays it to the schedule's first run.
        try {
            storage.maintainEvents();
        } catch (RuntimeException unavailable) {
            LOG.warn("the upkeep of event partitions failed at start-up; it runs again on its schedule: {}",
                    unavailable.getMessage());
        }
        this.upkeep = new RepeatedCheck("the upkeep of event partitions", storage::maintainEvents, LOG, scheduler,
                Duration.ZERO, every);
    }

    @PreDestroy
    void stop() {
        upkeep.stop();
    }
}
