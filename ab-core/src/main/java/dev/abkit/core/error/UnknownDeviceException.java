package dev.abkit.core.error;

import dev.abkit.core.model.DeviceToken;

/** No device with this token was ever seen. */
public final class UnknownDeviceException extends RuntimeException {

    private final transient DeviceToken token;

    public UnknownDeviceException(DeviceToken token) {
        super("no device with this token was ever seen: \"" + token + "\"");
        this.token = token;
    }

    public DeviceToken token() {
        return token;
    }
}
