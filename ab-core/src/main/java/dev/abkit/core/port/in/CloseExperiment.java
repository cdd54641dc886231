package dev.abkit.core.port.in;

import dev.abkit.core.error.IllegalTransitionException;
import dev.abkit.core.error.UnknownExperimentException;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;

/**
 * Closes a running experiment's enrolment, for when the sample is big enough: devices already
 * enrolled keep being served their values, no new device joins. Closing a closed one changes nothing.
 */
public interface CloseExperiment {

    /**
     * @throws UnknownExperimentException if there is none with this key
     * @throws IllegalTransitionException unless it is RUNNING or CLOSED
     */
    Experiment close(ExperimentKey key);
}
