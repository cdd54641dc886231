package dev.abkit.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A QA override (R9): {@code device} is served {@code value} in {@code experiment}, whatever it was
 * enrolled into, for as long as the experiment is not stopped. It takes no slot.
 *
 * @param createdAt when the override got this value (putting it again replaces both)
 */
public record DeviceOverride(ExperimentKey experiment, DeviceToken device, String value, Instant createdAt) {

    public DeviceOverride {
        Objects.requireNonNull(experiment, "experiment");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
