package dev.abkit.core.port.out;

import dev.abkit.core.model.Device;
import dev.abkit.core.model.DeviceToken;

import java.time.Instant;
import java.util.Optional;

/** Where devices and their assignments are kept. */
public interface Devices {

    /** The device as registered, with every assignment it received; empty if it was never seen. */
    Optional<Device> find(DeviceToken token);

    /**
     * Registers the device unless it exists, atomically and exactly once (R4, R6): only the call that
     * inserts the device runs {@code enrollment}, takes its slots and stores its assignments, all in
     * one unit that either completes or leaves nothing behind. Every concurrent or later call for
     * the same token gets the device exactly as it was stored.
     *
     * @return the device as stored, by this call or an earlier one
     */
    Device registerOnce(DeviceToken token, Instant firstSeen, Enrollment enrollment);
}
