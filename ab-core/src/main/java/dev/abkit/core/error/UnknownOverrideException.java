package dev.abkit.core.error;

import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ExperimentKey;

/** The experiment has no override for this device. */
public final class UnknownOverrideException extends ExperimentException {

    public UnknownOverrideException(ExperimentKey key, DeviceToken device) {
        super(key, "experiment \"" + key + "\" has no override for device \"" + device + "\"");
    }
}
