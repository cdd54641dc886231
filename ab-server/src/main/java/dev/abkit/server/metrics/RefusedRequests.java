package dev.abkit.server.metrics;

import dev.abkit.http.mobile.SlowQueueRefusals;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * Counts the requests answered 503 because the server was too busy to reach the database, by reason:
 * {@code queue_full}, refused at once by the executor of database work (any route that needs it, and
 * the health check's database probe), and {@code queue_wait}, a mobile request that no database thread
 * started within {@code abkit.max-queue-wait}.
 */
@Singleton
public final class RefusedRequests implements SlowQueueRefusals, RejectedExecutionHandler {

    private static final String NAME = "abkit.requests.refused";
    private static final String DESCRIPTION = "Requests answered 503 because the server was too busy to reach the database";

    private final Counter queueFull;
    private final Counter queueWait;

    RefusedRequests(MeterRegistry registry) {
        this.queueFull = Counter.builder(NAME).description(DESCRIPTION).tag("reason", "queue_full").register(registry);
        this.queueWait = Counter.builder(NAME).description(DESCRIPTION).tag("reason", "queue_wait").register(registry);
    }

    /** As {@link ThreadPoolExecutor.AbortPolicy}, counted. */
    @Override
    public void rejectedExecution(Runnable work, ThreadPoolExecutor executor) {
        queueFull.increment();
        throw new RejectedExecutionException("the queue of database work is full (" + executor.getQueue().size()
                + " waiting)");
    }

    @Override
    public void refused() {
        queueWait.increment();
    }
}
