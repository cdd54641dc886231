package dev.abkit.server;

import org.slf4j.Logger;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A check the server repeats on a fixed delay for as long as it runs. While the check fails (the
 * database is down) it is retried every interval and logged only twice: when it starts failing, and
 * when it runs again.
 */
final class RepeatedCheck {

    private final String what;
    private final Runnable check;
    private final Logger log;
    private final ScheduledFuture<?> schedule;
    private volatile boolean failing;

    /**
     * @param what what the check does, for the log ("the check for lost slots")
     * @param firstAfter how long after start-up the first check runs
     */
    RepeatedCheck(String what, Runnable check, Logger log, ExecutorService scheduler, Duration firstAfter,
                  Duration every) {
        this.what = what;
        this.check = check;
        this.log = log;
        this.schedule = ((ScheduledExecutorService) scheduler)
                .scheduleWithFixedDelay(this::run, firstAfter.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        try {
            check.run();
            if (failing) {
                failing = false;
                log.info("{} runs again", what);
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                log.warn("{} fails; retrying every interval: {}", what, e.toString());
            }
        }
    }

    void stop() {
        schedule.cancel(false);
    }
}
