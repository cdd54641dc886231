package dev.abkit.core.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The experiments served at one version of the store's catalog, in creation order: RUNNING ones,
 * which also enrol new devices ({@link #enrolling()}), and CLOSED ones, whose enrolled devices keep
 * their values. Every change of either set makes a new version, so a registration can tell whether
 * the set it enrolls a new device into is still the one the store holds (R2 across server
 * instances). The name is older than CLOSED; "running" here means served.
 *
 * @param version    the catalog version this set was read at; higher is newer
 * @param experiments the served experiments, in creation order
 */
public record RunningExperiments(long version, List<Experiment> experiments) {

    public RunningExperiments {
        if (version < 0) {
            throw new IllegalArgumentException("a catalog version is never negative (got " + version + ")");
        }
        experiments = List.copyOf(experiments);
        for (Experiment experiment : experiments) {
            if (!experiment.isServed()) {
                throw new IllegalArgumentException("experiment " + experiment.key() + " is not served, it is "
                        + experiment.status());
            }
        }
    }

    public static RunningExperiments none() {
        return new RunningExperiments(0, List.of());
    }

    /** The RUNNING ones, which a new device joins (R2), in creation order. */
    public List<Experiment> enrolling() {
        List<Experiment> enrolling = new ArrayList<>(experiments.size());
        for (Experiment experiment : experiments) {
            if (experiment.isRunning()) {
                enrolling.add(experiment);
            }
        }
        return enrolling;
    }
}
