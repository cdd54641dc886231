package dev.abkit.core.port.in;

import dev.abkit.core.auth.Principal;
import dev.abkit.core.error.IllegalTransitionException;
import dev.abkit.core.error.InvalidOverrideException;
import dev.abkit.core.error.UnknownExperimentException;
import dev.abkit.core.error.UnknownOverrideException;
import dev.abkit.core.model.DeviceOverride;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ExperimentKey;

import java.util.List;

/**
 * QA overrides (R9): force a device into one option of an experiment, for trying an option on a
 * device of one's own, before the launch too. The device is served that value while the experiment
 * is a draft, scheduled, running or closed (never once it is stopped); it takes no slot, and a device
 * already enrolled keeps its own, so allocation stays exact. Removing the override gives the device
 * back what it would have had without it.
 * Putting and removing need an actor whose role holds {@code OVERRIDE_DEVICES} (else
 * {@code PermissionDeniedException}); each is recorded in the audit trail under the actor's name.
 */
public interface OverrideDevices {

    /**
     * Forces {@code device} to {@code value} in the experiment, in place of an earlier override. The
     * device need not have been seen yet.
     *
     * @throws UnknownExperimentException  if there is no experiment with this key
     * @throws InvalidOverrideException    if the experiment has no option with this value
     * @throws IllegalTransitionException  if the experiment is stopped (served to nobody)
     */
    DeviceOverride put(Principal actor, ExperimentKey experiment, DeviceToken device, String value);

    /**
     * The experiment's overrides, oldest first.
     *
     * @throws UnknownExperimentException if there is no experiment with this key
     */
    List<DeviceOverride> overridesOf(ExperimentKey experiment);

    /**
     * @throws UnknownExperimentException if there is no experiment with this key
     * @throws UnknownOverrideException   if the device has no override in it
     */
    void remove(Principal actor, ExperimentKey experiment, DeviceToken device);
}
