package dev.abkit.http.mobile;

import dev.abkit.core.error.StorageUnavailableException;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The line of mobile requests waiting for a thread that may use the database. Work that no thread
 * has started within {@code maxWait} is refused at that moment, as {@link StorageUnavailableException},
 * whether or not a thread frees up later; work the executor refuses outright (its queue is full) ends
 * at once with its {@link RejectedExecutionException}. The edge answers both 503 with Retry-After.
 * Refused work never runs, so it touched nothing.
 */
final class DatabaseQueue {

    private final Executor executor;
    private final Duration maxWait;
    private final SlowQueueRefusals refusals;

    DatabaseQueue(Executor executor, Duration maxWait, SlowQueueRefusals refusals) {
        this.executor = executor;
        this.maxWait = maxWait;
        this.refusals = refusals;
    }

    <T> CompletableFuture<T> submit(Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        // Completed once: true by the thread that starts the work, or false by the deadline.
        CompletableFuture<Boolean> started = new CompletableFuture<Boolean>()
                .completeOnTimeout(false, maxWait.toNanos(), TimeUnit.NANOSECONDS);
        started.thenAccept(inTime -> {
            if (!inTime) {
                refusals.refused();
                result.completeExceptionally(new StorageUnavailableException("the server is too busy to reach the"
                        + " database (waited " + maxWait.toMillis() + " ms for a database thread); nothing was done,"
                        + " try again later"));
            }
        });
        try {
            executor.execute(() -> {
                if (started.complete(true)) {
                    run(work, result);
                }
            });
        } catch (RejectedExecutionException queueFull) {
            started.complete(true); // no deadline to watch any more
            result.completeExceptionally(queueFull); // the edge answers it as it does for every route
        }
        return result;
    }

    private static <T> void run(Supplier<T> work, CompletableFuture<T> result) {
        try {
            result.complete(work.get());
        } catch (RuntimeException | Error e) {
            result.completeExceptionally(e);
        }
    }
}
