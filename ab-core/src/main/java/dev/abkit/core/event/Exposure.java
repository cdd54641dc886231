package dev.abkit.core.event;

import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ExperimentKey;

import java.time.Instant;
import java.util.Objects;

/**
 * The app showed {@code device} its option of {@code experiment} at {@code at} (corrected by the same
 * rule as events, {@link EventTime}). A device may report many; results with {@code exposed=true} use
 * only its first per device and experiment (the earliest corrected time, so that an offline batch that
 * arrives late still counts from when the option was shown), counting the device and its events from
 * then on. Keeping that one and ignoring the others is the store's job, since only it sees earlier requests.
 *
 * @param at the corrected time
 */
public record Exposure(DeviceToken device, ExperimentKey experiment, Instant at) {

    public Exposure {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(experiment, "experiment");
        Objects.requireNonNull(at, "at");
    }
}
