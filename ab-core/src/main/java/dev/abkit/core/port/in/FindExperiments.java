package dev.abkit.core.port.in;

import dev.abkit.core.error.UnknownExperimentException;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;

import java.util.List;

/** Reads experiments, running and stopped. */
public interface FindExperiments {

    /** Every experiment in creation order. */
    List<Experiment> all();

    /** @throws UnknownExperimentException if there is none with this key */
    Experiment get(ExperimentKey key);
}
