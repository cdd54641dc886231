package dev.abkit.core.port.out;

import dev.abkit.core.model.Device;
import dev.abkit.core.model.DeviceAttributes;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.RunningExperiments;
import dev.abkit.core.model.StoredDevice;

import java.time.Instant;
import java.util.Optional;

/** Where devices and their assignments are kept. */
public interface Devices {

    /** The device as registered, with every assignment it received; empty if it was never seen. */
    Optional<Device> find(DeviceToken token);

    /** The device as registered, with the slot of each assignment; empty if it was never seen. */
    Optional<StoredDevice> findWithSlots(DeviceToken token);

    /**
     * Registers the device unless it exists, atomically and exactly once (R4, R6): only the call that
     * inserts the device runs {@code enrollment}, takes its slots and stores its assignments and
     * {@code attributes}, all in one unit that either completes or leaves nothing behind. Every
     * concurrent or later call for the same token gets the device exactly as it was stored, with the
     * attributes of the call that registered it, whatever attributes it passes itself (R8).
     *
     * <p>R2 across instances: {@code enrollment} gets the experiments running when the registration
     * commits. That is {@code assumed} if the store's catalog is still at {@code assumed.version()},
     * else the store's current set, read within the registration; no create or stop can commit
     * between that read and the registration's commit.
     *
     * <p>R3 after failures: a slot taken by a registration that does not complete is handed out
     * again to a later registration, so the slots of an experiment's devices have no lasting gaps.
     *
     * @return the device as stored, by this call or an earlier one
     */
    Device registerOnce(DeviceToken token, Instant firstSeen, DeviceAttributes attributes, RunningExperiments assumed,
                        Enrollment enrollment);
}
