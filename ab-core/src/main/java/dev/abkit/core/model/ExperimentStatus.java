package dev.abkit.core.model;

/**
 * Where an experiment is in its life. Devices are served the values of RUNNING and CLOSED
 * experiments; only RUNNING ones enrol new devices. STOPPED is final: a change is a new experiment.
 * Which call moves it where: {@link Transition}.
 */
public enum ExperimentStatus {
    /** Being prepared: no device sees it; its options, weights and schedule may still change. */
    DRAFT,
    /** Starts by itself at its {@code startAt}; no device sees it before. */
    SCHEDULED,
    /** Enrols every new device and serves the enrolled ones. */
    RUNNING,
    /** Enrolment closed: devices already enrolled keep their values, no new device joins. */
    CLOSED,
    /** Final: no device is served it any more. */
    STOPPED;

    /** Whether enrolled devices are answered this experiment's value. */
    public boolean isServed() {
        return this == RUNNING || this == CLOSED;
    }

    /** Whether new devices join it. */
    public boolean isEnrolling() {
        return this == RUNNING;
    }

    /** Whether it has not started yet: it never enrolled a device, and its definition may still change. */
    public boolean isBeforeStart() {
        return this == DRAFT || this == SCHEDULED;
    }
}
