package dev.abkit.core.port.in;

import dev.abkit.core.export.AssignmentRow;
import dev.abkit.core.export.Period;
import dev.abkit.core.model.ExperimentKey;

import java.util.function.Consumer;

/** The devices that took a slot of an experiment in a period, for analysts' own tools (issue 15). */
public interface ExportAssignments {

    /**
     * Hands {@code sink} one row per device enrolled in {@code experiment} while {@code enrolled} (its first
     * request in that period), in slot order; left-out devices (R7) too, without an option.
     *
     * @throws dev.abkit.core.error.UnknownExperimentException before any row, if there is no such experiment
     */
    void assignments(ExperimentKey experiment, Period enrolled, Consumer<AssignmentRow> sink);
}
