package dev.abkit.core.model;

import java.util.Objects;

/**
 * What one experiment decided for a device at its first request, for good (R1, R7): the option value
 * it was given, or, for a device that its coverage left out, no value ({@link #leftOut}). A left-out
 * device holds its slot like an enrolled one, so the share of enrolled devices stays exact, and is
 * never served the experiment.
 *
 * @param value the option value; null when the device was left out
 */
public record Assignment(ExperimentKey experiment, String value) {

    /** An enrolled device's option value in {@code experiment}. */
    public Assignment {
        Objects.requireNonNull(experiment, "experiment");
    }

    /** A device that {@code experiment}'s coverage left out. */
    public static Assignment leftOut(ExperimentKey experiment) {
        return new Assignment(experiment, null);
    }

    public boolean isLeftOut() {
        return value == null;
    }
}
