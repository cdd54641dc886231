package dev.abkit.core.model;

import java.util.Objects;

/** The option value a device was given in one experiment; it never changes (R1). */
public record Assignment(ExperimentKey experiment, String value) {

    public Assignment {
        Objects.requireNonNull(experiment, "experiment");
        Objects.requireNonNull(value, "value");
    }
}
