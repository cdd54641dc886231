package dev.abkit.http.cache;

import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.port.out.Experiments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Serves {@link #running()}, read on every mobile request, from a snapshot that a background task
 * reloads every {@code refreshEvery}: an experiment stopped or created on another instance shows
 * here within that period; one changed through this instance shows at once. While the store is
 * unreachable the last snapshot stays in use, and {@link #sinceLastLoad()} tells how old it is.
 * Everything else passes through to the wrapped port.
 *
 * <p>Loads run outside any lock, so a store that hangs holds up only the thread that asked it, never
 * the readers of the snapshot or the other loads. Of two loads that overlap, the one that started last
 * wins: a load that began before a change through this instance never replaces one that began after.
 */
public final class CachingExperiments implements Experiments, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CachingExperiments.class);

    private final Experiments delegate;
    private final ScheduledFuture<?> refresher;
    private final AtomicLong loadsStarted = new AtomicLong();
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();
    private final AtomicReference<CompletableFuture<List<Experiment>>> inFlightFirstLoad = new AtomicReference<>();
    private volatile long lastLoadNanos = System.nanoTime();
    private boolean failing;

    public CachingExperiments(Experiments delegate, ScheduledExecutorService scheduler, Duration refreshEvery) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        long millis = refreshEvery.toMillis();
        this.refresher = scheduler.scheduleWithFixedDelay(this::refresh, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void add(Experiment experiment) {
        delegate.add(experiment);
        reloadQuietly();
    }

    @Override
    public void updateStatus(Experiment experiment) {
        delegate.updateStatus(experiment);
        reloadQuietly();
    }

    @Override
    public Optional<Experiment> find(ExperimentKey key) {
        return delegate.find(key);
    }

    @Override
    public List<Experiment> all() {
        return delegate.all();
    }

    @Override
    public List<Experiment> running() {
        Snapshot current = snapshot.get();
        return current != null ? current.running() : firstLoad();
    }

    /**
     * Before there is a snapshot, callers share one load instead of each asking the store: at start-up
     * a burst of requests would otherwise take every pooled connection for the same query. They wait
     * for that load's result, not for a lock, and the load's own timeouts bound the wait.
     */
    private List<Experiment> firstLoad() {
        CompletableFuture<List<Experiment>> mine = new CompletableFuture<>();
        CompletableFuture<List<Experiment>> shared = inFlightFirstLoad.compareAndExchange(null, mine);
        if (shared != null) {
            return resultOf(shared);
        }
        try {
            mine.complete(reload());
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
        } finally {
            inFlightFirstLoad.set(null); // after a failure the next caller tries again
        }
        return resultOf(mine);
    }

    private static List<Experiment> resultOf(CompletableFuture<List<Experiment>> load) {
        try {
            return load.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
    }

    /** Whether {@link #running()} answers from memory, without touching the wrapped port. */
    public boolean isLoaded() {
        return snapshot.get() != null;
    }

    /** Time since the running experiments were last read from the wrapped port (before the first read: since this cache was made). */
    public Duration sinceLastLoad() {
        return Duration.ofNanos(System.nanoTime() - lastLoadNanos);
    }

    private List<Experiment> reload() {
        long load = loadsStarted.incrementAndGet();
        List<Experiment> running = List.copyOf(delegate.running());
        lastLoadNanos = System.nanoTime();
        return snapshot.updateAndGet(current -> current == null || current.load() < load
                ? new Snapshot(load, running) : current).running();
    }

    private void reloadQuietly() {
        try {
            reload();
        } catch (RuntimeException e) {
            LOG.warn("running experiments not reloaded after a change; the next refresh retries: {}", e.toString());
        }
    }

    private void refresh() {
        try {
            reload();
            if (failing) {
                failing = false;
                LOG.info("running experiments are refreshed again");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warn("cannot refresh the running experiments, serving the last known ones: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        refresher.cancel(false);
    }

    /** The running experiments as the {@code load}-th load read them. */
    private record Snapshot(long load, List<Experiment> running) {
    }
}
