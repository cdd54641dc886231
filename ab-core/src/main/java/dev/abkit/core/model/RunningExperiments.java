package dev.abkit.core.model;

import java.util.List;

/**
 * The experiments running at one version of the store's catalog, in creation order. Every create
 * and every stop makes a new version, so a registration can tell whether the set it enrolls a new
 * device into is still the one the store holds (R2 across server instances).
 *
 * @param version    the catalog version this set was read at; higher is newer
 * @param experiments the running experiments, in creation order
 */
public record RunningExperiments(long version, List<Experiment> experiments) {

    public RunningExperiments {
        if (version < 0) {
            throw new IllegalArgumentException("a catalog version is never negative (got " + version + ")");
        }
        experiments = List.copyOf(experiments);
        for (Experiment experiment : experiments) {
            if (!experiment.isRunning()) {
                throw new IllegalArgumentException("experiment " + experiment.key() + " is not running");
            }
        }
    }

    public static RunningExperiments none() {
        return new RunningExperiments(0, List.of());
    }
}
