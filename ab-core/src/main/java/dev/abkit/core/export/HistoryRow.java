package dev.abkit.core.export;

import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ExperimentKey;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of the monthly history, in the segmentation service's sense: a device entered an experiment's
 * option ({@link Kind#ENROLLED}), or the experiment it was in ended ({@link Kind#ENDED}, closed or stopped).
 *
 * @param at when it happened: the device's first request, or the experiment's end
 */
public record HistoryRow(Instant at, Kind kind, ExperimentKey experiment, DeviceToken device, String option) {

    public HistoryRow {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(experiment, "experiment");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(option, "option (a left-out device is in no history)");
    }

    public enum Kind {
        ENROLLED, ENDED
    }
}
