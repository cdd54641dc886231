package dev.abkit.core.memory;

import dev.abkit.core.error.DuplicateExperimentException;
import dev.abkit.core.error.UnknownExperimentException;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.ExperimentStatus;
import dev.abkit.core.model.RunningExperiments;
import dev.abkit.core.port.out.Experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;
import java.util.function.Function;

/**
 * Experiments in memory; options and audience change only while the stored experiment is a draft. Reads, one per mobile request, take an immutable snapshot without locking.
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
            return all.add(experiment);
        });
    }

    @Override
    public boolean replace(Experiment expected, Experiment changed) {
        return change(all -> {
            int index = indexOf(all, expected.key());
            if (index < 0) {
                throw new UnknownExperimentException(expected.key());
            }
            Experiment stored = all.get(index);
            if (!stored.lifecycle().equals(expected.lifecycle())) {
                return false;
            }
            all.set(index, stored.status() == ExperimentStatus.DRAFT ? changed : stored.withLifecycle(changed.lifecycle()));
            return true;
        });
    }

    /** Runs {@code change} on a copy of the list, which becomes the next version if it returns true. */
    private boolean change(Predicate<List<Experiment>> change) {
        catalog.writeLock().lock();
        try {
            List<Experiment> all = new ArrayList<>(snapshot.all);
            if (!change.test(all)) {
                return false;
            }
            snapshot = new Snapshot(snapshot.running.version() + 1, all);
            return true;
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

    @Override
    public List<Experiment> withSchedule() {
        return snapshot.all.stream()
                .filter(experiment -> experiment.status() != ExperimentStatus.STOPPED)
                .filter(experiment -> experiment.lifecycle().startAt() != null || experiment.lifecycle().endAt() != null)
                .toList();
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
            this(List.copyOf(all), new RunningExperiments(version, all.stream().filter(Experiment::isServed).toList()));
        }
    }
}
