package dev.abkit.core.port.out;

import dev.abkit.core.error.DuplicateExperimentException;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.RunningExperiments;

import java.util.List;
import java.util.Optional;

/** Where experiments are kept. Lists are in creation order: the order devices see their keys in. */
public interface Experiments {

    /**
     * Keeps a new experiment, and makes sure the next device enrolled into it takes slot 0.
     *
     * @throws DuplicateExperimentException if its key is taken, also by a stopped experiment
     */
    void add(Experiment experiment);

    /**
     * Records a new status for a kept experiment; nothing else about an experiment ever changes.
     * Makes a new catalog version.
     */
    void updateStatus(Experiment experiment);

    Optional<Experiment> find(ExperimentKey key);

    /** Every experiment, running or stopped, in creation order. */
    List<Experiment> all();

    /** The running experiments in creation order, with the catalog version they were read at. */
    RunningExperiments running();
}
