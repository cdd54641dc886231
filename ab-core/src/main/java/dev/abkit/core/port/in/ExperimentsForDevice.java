package dev.abkit.core.port.in;

import dev.abkit.core.model.Assignment;
import dev.abkit.core.model.DeviceAttributes;
import dev.abkit.core.model.DeviceToken;

import java.util.List;
import java.util.Optional;

/** The mobile use case: which experiments a device takes part in, and its option in each. */
public interface ExperimentsForDevice {

    /**
     * A known device gets its stored assignments for the experiments still running (R1). An unknown
     * device is registered now and enrolled into every experiment running at this moment (R2-R4, R6).
     *
     * @return one assignment per experiment served, in the order the experiments were created
     */
    default List<Assignment> experimentsFor(DeviceToken token) {
        return experimentsFor(token, DeviceAttributes.UNKNOWN);
    }

    /**
     * As {@link #experimentsFor(DeviceToken)}, for a device that says what it is: a device registered
     * now keeps these attributes for good; for a known device they are ignored (R8).
     */
    List<Assignment> experimentsFor(DeviceToken token, DeviceAttributes attributes);

    /**
     * The same answer from memory alone, if this device is remembered: never reads or writes storage,
     * so it may run where blocking is forbidden, such as an event loop. Empty when the answer needs
     * storage; then call {@link #experimentsFor}.
     */
    Optional<List<Assignment>> fromMemory(DeviceToken token);
}
