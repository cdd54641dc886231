package dev.abkit.core.memory;

import dev.abkit.core.error.DuplicateExperimentException;
import dev.abkit.core.error.UnknownExperimentException;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.port.out.Experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Experiments in memory. Writes are rare and serialised; reads, one per mobile request, take an
 * immutable snapshot without locking.
 */
public final class InMemoryExperiments implements Experiments {

    private volatile Snapshot snapshot = new Snapshot(List.of());

    @Override
    public synchronized void add(Experiment experiment) {
        if (find(experiment.key()).isPresent()) {
            throw new DuplicateExperimentException(experiment.key());
        }
        List<Experiment> all = new ArrayList<>(snapshot.all);
        all.add(experiment);
        snapshot = new Snapshot(all);
    }

    @Override
    public synchronized void updateStatus(Experiment experiment) {
        List<Experiment> all = new ArrayList<>(snapshot.all);
        int index = indexOf(all, experiment.key());
        if (index < 0) {
            throw new UnknownExperimentException(experiment.key());
        }
        all.set(index, experiment);
        snapshot = new Snapshot(all);
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
    public List<Experiment> running() {
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

    private record Snapshot(List<Experiment> all, List<Experiment> running) {
        Snapshot(List<Experiment> all) {
            this(List.copyOf(all), all.stream().filter(Experiment::isRunning).toList());
        }
    }
}
