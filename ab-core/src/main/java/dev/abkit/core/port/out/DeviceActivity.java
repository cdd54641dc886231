package dev.abkit.core.port.out;

import dev.abkit.core.model.Device;

/**
 * What the mobile use case tells about the devices it serves, for an operator's metrics: each call
 * of it ends in exactly one of these. Optional: {@link #NONE} hears nothing. Called on the request's
 * thread, also on an event loop, so an implementation must not block; {@link #answeredFromMemory}
 * runs for nearly every request and should not allocate either.
 */
public interface DeviceActivity {

    /** Hears nothing. */
    DeviceActivity NONE = new DeviceActivity() {
    };

    /** A returning device answered from the memory of returning devices, without storage. */
    default void answeredFromMemory() {
    }

    /** A device registered before (here, elsewhere or by a concurrent call) answered from storage. */
    default void answeredFromStorage() {
    }

    /** A new device registered by this call, with the assignments it was enrolled with; after the commit. */
    default void registered(Device device) {
    }
}
