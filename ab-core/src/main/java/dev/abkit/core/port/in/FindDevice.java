package dev.abkit.core.port.in;

import dev.abkit.core.error.UnknownDeviceException;
import dev.abkit.core.model.DeviceToken;

/** Looks up one device: what it said about itself, and what it received where (for QA and support). */
public interface FindDevice {

    /** @throws UnknownDeviceException if no device with this token was ever seen */
    DeviceReport find(DeviceToken token);
}
