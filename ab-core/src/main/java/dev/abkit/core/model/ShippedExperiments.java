package dev.abkit.core.model;

import java.time.Instant;
import java.util.List;

/**
 * The two experiments a fresh install already runs (R5). Their creation instants and seeds are fixed
 * so that every install allocates them identically; the database migration creates the same rows,
 * and a contract test holds it to these values.
 */
public final class ShippedExperiments {

    public static final Experiment BUTTON_COLOR = Experiment.start(
            ExperimentKey.of("button_color"),
            List.of(Option.of("#FF0000", "33.3"), Option.of("#00FF00", "33.3"), Option.of("#0000FF", "33.3")),
            Instant.parse("2026-01-01T00:00:00Z"),
            0x5EED_0001L);

    public static final Experiment PRICE = Experiment.start(
            ExperimentKey.of("price"),
            List.of(Option.of("10", "75"), Option.of("20", "10"), Option.of("50", "5"), Option.of("5", "10")),
            Instant.parse("2026-01-01T00:00:01Z"),
            0x5EED_0002L);

    private ShippedExperiments() {
    }

    /** Both, in creation order. */
    public static List<Experiment> all() {
        return List.of(BUTTON_COLOR, PRICE);
    }
}
