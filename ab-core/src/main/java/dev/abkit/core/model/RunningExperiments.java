package dev.abkit.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The experiments served at one version of the store's catalog, in creation order: RUNNING ones,
 * which also enrol new devices ({@link #enrolling()}), and CLOSED ones, whose enrolled devices keep
 * their values. Every change of either set makes a new version, so a registration can tell whether
 * the set it enrolls a new device into is still the one the store holds (R2 across server
 * instances). The name is older than CLOSED; "running" here means served.
 *
 * <p>The QA overrides that apply at that version come with it (R9): a change of an override makes a
 * new version too, so every instance sees it at its next read and a registration enrolls with the
 * overrides the store holds when it commits (an overridden device takes no slot).
 *
 * @param version     the catalog version this set was read at; higher is newer
 * @param experiments the served experiments, in creation order
 * @param overrides   the overrides that apply at this version; {@link Overrides#NONE} when none do
 */
public record RunningExperiments(long version, List<Experiment> experiments, Overrides overrides) {

    /** A set without overrides. */
    public RunningExperiments(long version, List<Experiment> experiments) {
        this(version, experiments, Overrides.NONE);
    }

    /**
     * The set at {@code version} as a store reads it: {@code shown} holds the served experiments and
     * those not served (drafts, scheduled) that {@code overrides} name, in creation order.
     */
    public static RunningExperiments withOverrides(long version, List<Experiment> shown, List<DeviceOverride> overrides) {
        List<Experiment> served = shown.stream().filter(Experiment::isServed).toList();
        return new RunningExperiments(version, served, overrides.isEmpty() ? Overrides.NONE : Overrides.of(shown, overrides));
    }

    public RunningExperiments {
        Objects.requireNonNull(overrides, "overrides (Overrides.NONE when there are none)");
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
