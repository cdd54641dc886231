package dev.abkit.core.port.in;

/** The figures analysts read: devices registered, and per experiment and option how many enrolled. */
public interface ExperimentStatistics {

    StatisticsReport report();
}
