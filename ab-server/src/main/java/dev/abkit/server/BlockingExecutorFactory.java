package dev.abkit.server;

import dev.abkit.server.metrics.RefusedRequests;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor of every request that needs the database (a device not in memory, admin, statistics,
 * the database health check): as many threads as the pool has connections, so a thread that runs
 * always finds a connection, and a queue of bounded length in arrival order. Micronaut's own
 * {@code fixed} executor queues without a bound, so a server whose database hangs would hold every
 * request that arrives in memory; this one refuses the ones beyond {@code abkit.max-queued-requests}
 * at once, which the HTTP edge answers 503 with Retry-After, and counts them ({@link RefusedRequests}).
 */
@Factory
final class BlockingExecutorFactory {

    @Singleton
    @Named(TaskExecutors.BLOCKING)
    @Replaces(bean = ExecutorService.class, named = TaskExecutors.BLOCKING)
    @Bean(preDestroy = "shutdown")
    ExecutorService blocking(@Value("${datasources.default.maximum-pool-size}") int threads,
                             @Value("${abkit.max-queued-requests:1000}") int maxQueued,
                             RefusedRequests refused) {
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(maxQueued), named("blocking-executor-"), refused);
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return work -> new Thread(work, prefix + count.incrementAndGet());
    }
}
