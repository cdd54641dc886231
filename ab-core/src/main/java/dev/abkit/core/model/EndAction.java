package dev.abkit.core.model;

/** What an experiment's {@code endAt} does to it: close its enrolment, or stop it. */
public enum EndAction {
    /** To {@link ExperimentStatus#CLOSED}: enrolled devices keep their values, no new device joins. */
    CLOSE,
    /** To {@link ExperimentStatus#STOPPED}: no device is served it any more. The default. */
    STOP
}
