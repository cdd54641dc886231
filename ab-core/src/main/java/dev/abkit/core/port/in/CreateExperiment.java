package dev.abkit.core.port.in;

import dev.abkit.core.error.DuplicateExperimentException;
import dev.abkit.core.model.Experiment;

/** Starts a new experiment; devices registered from now on take part in it. */
public interface CreateExperiment {

    /**
     * Its options were checked when the command was made, so a failure here is never the caller's input.
     *
     * @throws DuplicateExperimentException if the key was ever used
     */
    Experiment create(NewExperiment newExperiment);
}
