package dev.abkit.core.memory;

import dev.abkit.core.error.DuplicateExperimentException;
import dev.abkit.core.error.UnknownExperimentException;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.RunningExperiments;
import dev.abkit.core.port.out.Experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Experiments in memory. Reads, one per mobile request, take an immutable snapshot without locking.
 * Every change makes a new catalog version, and waits for the registrations that run
 * {@link #whileUnchanged} to end: a device is enrolled into the set that stands when its
 * registration completes (R2).
 */
public final class InMemoryExperiments implements Experiments {

    private final ReadWriteLock catalog = new ReentrantReadWriteLock();
    private volatile Snapshot snapshot = new Snapshot(0, List.of());

    @Override
    public void add(Experiment experiment) {
        change(all -> {
            if (indexOf(all, experiment.key()) >= 0) {
                throw new DuplicateExperimentException(experiment.key());
            }
            all.add(experiment);
        });
    }

    @Override
    public void updateStatus(Experiment experiment) {
        change(all -> {
            int index = indexOf(all, experiment.key());
            if (index < 0) {
                throw new UnknownExperimentException(experiment.key());
            }
            all.set(index, experiment);
        });
    }

    private void change(Consumer<List<Experiment>> change) {
        catalog.writeLock().lock();
        try {
            List<Experiment> all = new ArrayList<>(snapshot.all);
            change.accept(all);
            snapshot = new Snapshot(snapshot.running.version() + 1, all);
        } finally {
            catalog.writeLock().unlock();
        }
    }

    /** Runs {@code work} on the running set, which no change replaces until {@code work} returns. */
    <T> T whileUnchanged(Function<RunningExperiments, T> work) {
        catalog.readLock().lock();
        try {
            return work.apply(snapshot.running);
        } finally {
            catalog.readLock().unlock();
        }
    }

    @Override
    public Optional<Experiment> find(ExperimentKey key) {
        List<Experiment> all = snapshot.all;
        int index = indexOf(all, key);
        return index < 0 ? Optional.empty() : Optional.of(all.get(index));
    }

    @Override
    public List<Experiment> all() {
        return snapshot.all;
    }

    @Override
    public RunningExperiments running() {
        return snapshot.running;
    }

    private static int indexOf(List<Experiment> experiments, ExperimentKey key) {
        for (int i = 0; i < experiments.size(); i++) {
            if (experiments.get(i).key().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private record Snapshot(List<Experiment> all, RunningExperiments running) {
        Snapshot(long version, List<Experiment> all) {
            this(List.copyOf(all), new RunningExperiments(version, all.stream().filter(Experiment::isRunning).toList()));
        }
    }
}
