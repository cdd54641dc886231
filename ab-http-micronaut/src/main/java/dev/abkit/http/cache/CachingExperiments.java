package dev.abkit.http.cache;

import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.RunningExperiments;
import dev.abkit.core.port.out.Experiments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Serves {@link #running()}, read on every mobile request, from a snapshot that a background task
 * reloads every {@code refreshEvery}: an experiment stopped or created on another instance shows
 * here within that period; one changed through this instance shows at once. While the store is
 * unreachable the last snapshot stays in use. Everything else passes through to the wrapped port.
 */
public final class CachingExperiments implements Experiments, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CachingExperiments.class);

    private final Experiments delegate;
    private final ScheduledFuture<?> refresher;
    private volatile RunningExperiments running;
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
    public RunningExperiments running() {
        RunningExperiments snapshot = running;
        return snapshot != null ? snapshot : reload();
    }

    /** Whether {@link #running()} answers from memory, without touching the wrapped port. */
    public boolean isLoaded() {
        return running != null;
    }

    private synchronized RunningExperiments reload() {
        RunningExperiments snapshot = delegate.running();
        running = snapshot;
        return snapshot;
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
}
