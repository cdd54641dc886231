package dev.abkit.core.port.in;

import dev.abkit.core.auth.Principal;
import dev.abkit.core.error.UnknownExperimentException;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;

/**
 * Stops an experiment, in any status: its key disappears from every device's answer, nothing else
 * changes (R1). Stopping is final and idempotent.
 * The actor's role must hold {@code CHANGE_EXPERIMENTS} (else {@code PermissionDeniedException}); the
 * change is recorded in the audit trail under the actor's name.
 */
public interface StopExperiment {

    /** @throws UnknownExperimentException if there is none with this key */
    Experiment stop(Principal actor, ExperimentKey key);
}
