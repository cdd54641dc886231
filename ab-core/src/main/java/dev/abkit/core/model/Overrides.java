package dev.abkit.core.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The QA overrides that apply now (R9), by device: few (QA devices), immutable, and read with the
 * served experiments so that every answer applies the set of one catalog version. An override
 * applies while its experiment is a draft, scheduled, running or closed; never once it is stopped.
 * A device without an override costs one look in an empty map, or in a small one.
 */
public final class Overrides {

    public static final Overrides NONE = new Overrides(List.of(), Map.of());

    /** The experiments an overridden device may be shown, in creation order: the served ones and the overridden ones. */
    private final List<Experiment> shown;
    private final Map<DeviceToken, Map<ExperimentKey, Assignment>> byDevice;

    private Overrides(List<Experiment> shown, Map<DeviceToken, Map<ExperimentKey, Assignment>> byDevice) {
        this.shown = shown;
        this.byDevice = byDevice;
    }

    /**
     * @param shown     the served experiments and the others that have overrides, in creation order
     * @param overrides overrides of any experiment; those of an experiment not in {@code shown} or not
     *                  served to anyone (stopped), or with a value the experiment no longer has (a
     *                  draft's options changed meanwhile), do not apply
     */
    public static Overrides of(List<Experiment> shown, List<DeviceOverride> overrides) {
        Map<ExperimentKey, Experiment> byKey = new HashMap<>();
        for (Experiment experiment : shown) {
            byKey.put(experiment.key(), experiment);
        }
        Map<DeviceToken, Map<ExperimentKey, Assignment>> byDevice = new HashMap<>();
        for (DeviceOverride override : overrides) {
            Experiment experiment = byKey.get(override.experiment());
            if (experiment != null && appliesTo(experiment) && hasValue(experiment, override.value())) {
                byDevice.computeIfAbsent(override.device(), device -> new HashMap<>())
                        .put(override.experiment(), new Assignment(override.experiment(), override.value()));
            }
        }
        if (byDevice.isEmpty()) {
            return NONE;
        }
        byDevice.replaceAll((device, values) -> Map.copyOf(values));
        return new Overrides(List.copyOf(shown), Map.copyOf(byDevice));
    }

    private static boolean appliesTo(Experiment experiment) {
        return experiment.status() != ExperimentStatus.STOPPED;
    }

    private static boolean hasValue(Experiment experiment, String value) {
        return experiment.options().stream().anyMatch(option -> option.value().equals(value));
    }

    public boolean isEmpty() {
        return byDevice.isEmpty();
    }

    /** Whether {@code device} is overridden in {@code experiment}: then it takes no slot there. */
    public boolean holds(DeviceToken device, ExperimentKey experiment) {
        Map<ExperimentKey, Assignment> mine = byDevice.get(device);
        return mine != null && mine.containsKey(experiment);
    }

    /** The value {@code device} is forced to in {@code experiment}, if an override applies. */
    public Optional<String> valueFor(DeviceToken device, ExperimentKey experiment) {
        Map<ExperimentKey, Assignment> mine = byDevice.get(device);
        Assignment forced = mine == null ? null : mine.get(experiment);
        return forced == null ? Optional.empty() : Optional.of(forced.value());
    }

    /**
     * The answer for {@code device}: {@code served}, its own assignments in served experiments in
     * creation order, with its overrides put in or over them, still in creation order. Returns
     * {@code served} itself when the device has no override (the normal case, which allocates nothing).
     */
    public List<Assignment> applyTo(DeviceToken device, List<Assignment> served) {
        if (byDevice.isEmpty()) {
            return served;
        }
        Map<ExperimentKey, Assignment> mine = byDevice.get(device);
        if (mine == null) {
            return served;
        }
        List<Assignment> answer = new ArrayList<>(shown.size());
        for (Experiment experiment : shown) {
            Assignment forced = mine.get(experiment.key());
            if (forced != null) {
                answer.add(forced);
            } else {
                ownIn(served, experiment.key()).ifPresent(answer::add);
            }
        }
        return List.copyOf(answer);
    }

    private static Optional<Assignment> ownIn(List<Assignment> served, ExperimentKey experiment) {
        for (Assignment assignment : served) {
            if (assignment.experiment().equals(experiment)) {
                return Optional.of(assignment);
            }
        }
        return Optional.empty();
    }

    @java.lang.Override
    public boolean equals(Object other) {
        return other instanceof Overrides that && shown.equals(that.shown) && byDevice.equals(that.byDevice);
    }

    @java.lang.Override
    public int hashCode() {
        return byDevice.hashCode();
    }

    @java.lang.Override
    public String toString() {
        return "Overrides" + byDevice.values();
    }
}
