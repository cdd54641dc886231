package dev.abkit.core.port.out;

import dev.abkit.core.model.Assignment;
import dev.abkit.core.model.RunningExperiments;

import java.util.List;

/**
 * The core's decision of what a new device receives, run by {@link Devices#registerOnce} inside
 * its atomic registration, with the experiments running when that registration commits and slot
 * counters bound to that same registration.
 */
@FunctionalInterface
public interface Enrollment {

    List<Assignment> assign(RunningExperiments running, SlotCounters slots);
}
