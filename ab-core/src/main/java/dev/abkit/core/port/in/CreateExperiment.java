package dev.abkit.core.port.in;

import dev.abkit.core.error.DuplicateExperimentException;
import dev.abkit.core.model.Experiment;

/** Starts a new experiment; devices registered from now on take part in it. */
public interface CreateExperiment {

    /**
     * @throws IllegalArgumentException if the options do not make a valid experiment
     * @throws DuplicateExperimentException if the key was ever used
     */
    Experiment create(NewExperiment newExperiment);
}
