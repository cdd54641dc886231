package dev.abkit.core.model;

/** Whether devices are served an experiment. Stopping is final: a change is a new experiment. */
public enum ExperimentStatus {
    RUNNING,
    STOPPED
}
