package dev.abkit.core.service;

import dev.abkit.core.audit.Actor;
import dev.abkit.core.audit.AuditAction;
import dev.abkit.core.audit.AuditEntry;
import dev.abkit.core.audit.Snapshots;
import dev.abkit.core.auth.Permission;
import dev.abkit.core.auth.Principal;
import dev.abkit.core.error.IllegalTransitionException;
import dev.abkit.core.error.InvalidOverrideException;
import dev.abkit.core.error.UnknownExperimentException;
import dev.abkit.core.error.UnknownOverrideException;
import dev.abkit.core.model.DeviceOverride;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.ExperimentStatus;
import dev.abkit.core.port.in.OverrideDevices;
import dev.abkit.core.port.out.Experiments;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps QA overrides. Each change makes a new catalog version in the store, so every instance serves
 * it after its next read of the served set, and {@code afterChange} lets this one re-read at once. Each
 * change is recorded in the audit trail with the override before and after it (decision 19).
 */
public final class OverrideService implements OverrideDevices {

    private final Experiments experiments;
    private final Clock clock;
    private final Runnable afterChange;

    /**
     * @param afterChange run after each change, e.g. to re-read the served set that answers from
     *                    memory use; a failure of it does not fail the change, which is stored by then
     */
    public OverrideService(Experiments experiments, Clock clock, Runnable afterChange) {
        this.experiments = Objects.requireNonNull(experiments, "experiments");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.afterChange = Objects.requireNonNull(afterChange, "afterChange");
    }

    @Override
    public DeviceOverride put(Principal actor, ExperimentKey key, DeviceToken device, String value) {
        actor.require(Permission.OVERRIDE_DEVICES);
        Objects.requireNonNull(value, "value");
        Experiment experiment = existing(key);
        if (experiment.status() == ExperimentStatus.STOPPED) {
            throw new IllegalTransitionException(key, ExperimentStatus.STOPPED,
                    "a stopped experiment is served to nobody, so an override of it would never apply");
        }
        if (experiment.options().stream().noneMatch(option -> option.value().equals(value))) {
            throw new InvalidOverrideException(key, "experiment \"" + key + "\" has no option with this value");
        }
        while (true) {
            Optional<DeviceOverride> replaced = overrideOf(key, device);
            DeviceOverride override = new DeviceOverride(key, device, value, clock.instant());
            AuditEntry entry = new AuditEntry(override.createdAt(), Actor.of(actor), AuditAction.OVERRIDE_SET,
                    Optional.of(key), replaced.map(Snapshots::of), Optional.of(Snapshots.of(override)));
            if (experiments.putOverride(replaced, override, entry)) {
                changed();
                return override;
            }
            // another call changed the device's override meanwhile: decide again on what is kept now
        }
    }

    @Override
    public List<DeviceOverride> overridesOf(ExperimentKey key) {
        existing(key);
        return experiments.overrides().stream().filter(override -> override.experiment().equals(key)).toList();
    }

    @Override
    public void remove(Principal actor, ExperimentKey key, DeviceToken device) {
        actor.require(Permission.OVERRIDE_DEVICES);
        existing(key);
        while (true) {
            DeviceOverride removed = overrideOf(key, device).orElseThrow(() -> new UnknownOverrideException(key, device));
            AuditEntry entry = new AuditEntry(clock.instant(), Actor.of(actor), AuditAction.OVERRIDE_REMOVED,
                    Optional.of(key), Optional.of(Snapshots.of(removed)), Optional.empty());
            if (experiments.removeOverride(removed, entry)) {
                changed();
                return;
            }
            // changed or removed meanwhile: removed again, or unknown now
        }
    }

    /** The device's override as read now: what a change is decided on, and the audit's {@code before}. */
    private Optional<DeviceOverride> overrideOf(ExperimentKey key, DeviceToken device) {
        return experiments.overrides().stream()
                .filter(override -> override.experiment().equals(key) && override.device().equals(device))
                .findFirst();
    }

    private Experiment existing(ExperimentKey key) {
        return experiments.find(key).orElseThrow(() -> new UnknownExperimentException(key));
    }

    private void changed() {
        try {
            afterChange.run();
        } catch (RuntimeException stillStored) {
            // the change is stored; the next scheduled read of the served set picks it up
        }
    }
}
