package dev.abkit.core.port.in;

import dev.abkit.core.event.MetricName;
import dev.abkit.core.export.EventRow;
import dev.abkit.core.export.Period;
import dev.abkit.core.model.ExperimentKey;

import java.util.Optional;
import java.util.function.Consumer;

/** The stored raw events of an experiment's devices, for analysts' own tools (issue 15). */
public interface ExportEvents {

    /**
     * Hands {@code sink} every stored event of the devices enrolled in {@code experiment} whose (corrected) time
     * lies in {@code occurred}, of {@code metric} only if given, in time order. Raw: events before a device's
     * assignment and of overridden devices are there too; results leave them out (R9, R10), an export does not.
     *
     * @throws dev.abkit.core.error.UnknownExperimentException before any row, if there is no such experiment
     */
    void events(ExperimentKey experiment, Period occurred, Optional<MetricName> metric, Consumer<EventRow> sink);
}
