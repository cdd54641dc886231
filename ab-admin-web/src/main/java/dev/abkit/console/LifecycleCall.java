package dev.abkit.console;

import dev.abkit.core.model.ExperimentStatus;
import dev.abkit.core.model.Transition;

import java.util.Arrays;
import java.util.Optional;

/**
 * The lifecycle calls the console offers on an experiment's page, each with what it does to devices, said on
 * its confirmation page. Which statuses each moves from is the core's {@link Transition} table.
 */
enum LifecycleCall {

    START(Transition.START, "Start", "Start it",
            "Devices that reach abkit for the first time from now on join it and keep the option they are given."
                    + " Devices seen before now never join it.",
            "Started: devices seen for the first time from now on join it."),
    CLOSE(Transition.CLOSE, "Close", "Close its enrolment",
            "No new device joins it from now on. Devices already enrolled keep their option and are still served it.",
            "Closed: no new device joins; enrolled devices keep their option."),
    STOP(Transition.STOP, "Stop", "Stop it for good",
            "No device is served it any more: its key disappears from every answer. It cannot be restarted;"
                    + " a change is a new experiment.",
            "Stopped: no device is served it any more.");

    private final Transition transition;
    private final String label;
    private final String button;
    private final String consequence;
    private final String done;

    LifecycleCall(Transition transition, String label, String button, String consequence, String done) {
        this.transition = transition;
        this.label = label;
        this.button = button;
        this.consequence = consequence;
        this.done = done;
    }

    static Optional<LifecycleCall> of(String call) {
        return Arrays.stream(values()).filter(value -> value.call().equals(call)).findFirst();
    }

    /** The name in paths: start, close, stop. */
    String call() {
        return transition.call();
    }

    /** The address of its confirmation page for the experiment, to which that page's form posts too. */
    String path(String key) {
        return Paths.experiment(key) + "/" + call();
    }

    /** Whether the core would move an experiment of this status (a call that changes nothing is not offered). */
    boolean movesFrom(ExperimentStatus status) {
        return transition.movesFrom(status);
    }

    String label() {
        return label;
    }

    String button() {
        return button;
    }

    String consequence() {
        return consequence;
    }

    String done() {
        return done;
    }
}
