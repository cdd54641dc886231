package dev.abkit.core.memory;

import dev.abkit.core.audit.AuditEntry;
import dev.abkit.core.error.DuplicateExperimentException;
import dev.abkit.core.error.UnknownExperimentException;
import dev.abkit.core.model.DeviceOverride;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.ExperimentStatus;
import dev.abkit.core.model.RunningExperiments;
import dev.abkit.core.model.ShippedExperiments;
import dev.abkit.core.port.out.Experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.function.Function;

/**
 * Experiments in memory; options and audience change only while the stored experiment is a draft. Reads, one per mobile request, take an immutable snapshot without locking.
 * Every change makes a new catalog version, and waits for the registrations that run
 * {@link #whileUnchanged} to end: a device is enrolled into the set that stands when its
 * registration completes (R2). Each change's audit entry is appended under the same write lock.
 */
public final class InMemoryExperiments implements Experiments {

    private final InMemoryAuditLog audit;

    private final ReadWriteLock catalog = new ReentrantReadWriteLock();
    /** The device stores that hand out this catalog's slots (usually one), for {@link #slotsHandedOut}. */
    private final List<ToLongFunction<ExperimentKey>> slotCounts = new CopyOnWriteArrayList<>();
    private volatile Snapshot snapshot = new Snapshot(0, List.of(), List.of());

    /** A store whose audit entries go to a trail of its own ({@link #auditLog()}). */
    public InMemoryExperiments() {
        this(new InMemoryAuditLog());
    }

    /** @param audit the trail its changes are recorded in, shared with the other in-memory stores of one kit */
    public InMemoryExperiments(InMemoryAuditLog audit) {
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    public InMemoryAuditLog auditLog() {
        return audit;
    }

    /**
     * Adds the experiments every abkit ships with ({@link ShippedExperiments}), as the database's migration
     * does: before any person could change anything, so with no audit entry.
     */
    public InMemoryExperiments addShipped() {
        change(all -> {
            for (Experiment shipped : ShippedExperiments.all()) {
                if (indexOf(all, shipped.key()) >= 0) {
                    throw new DuplicateExperimentException(shipped.key());
                }
                all.add(shipped.settledAt(0));
            }
            return true;
        }, null);
        return this;
    }

    @Override
    public void add(Experiment experiment, AuditEntry entry) {
        Objects.requireNonNull(entry, "entry");
        change(all -> {
            if (indexOf(all, experiment.key()) >= 0) {
                throw new DuplicateExperimentException(experiment.key());
            }
            return all.add(experiment.settledAt(0)); // no slot of it handed out yet: a coverage plan starts at slot 0
        }, entry);
    }

    @Override
    public boolean replace(Experiment expected, Experiment changed, AuditEntry entry) {
        Objects.requireNonNull(entry, "entry");
        return change(all -> {
            int index = indexOf(all, expected.key());
            if (index < 0) {
                throw new UnknownExperimentException(expected.key());
            }
            Experiment stored = all.get(index);
            // What the change was decided on: its lifecycle and coverage plan, and a draft's options and audience.
            if (!stored.lifecycle().equals(expected.lifecycle())
                    || !stored.coveragePlan().equals(expected.coveragePlan())
                    || !stored.options().equals(expected.options())
                    || !stored.audience().equals(expected.audience())) {
                return false;
            }
            // Under the write lock no registration is in flight: the slots handed out stay as counted.
            Experiment settled = changed.settledAt(slotsHandedOut(expected.key()));
            all.set(index, stored.status() == ExperimentStatus.DRAFT ? settled
                    : stored.withLifecycle(settled.lifecycle()).withCoveragePlanOf(settled));
            return true;
        }, entry);
    }

    @Override
    public boolean putOverride(Optional<DeviceOverride> expected, DeviceOverride override, AuditEntry entry) {
        Objects.requireNonNull(entry, "entry");
        return change((all, overrides) -> {
            if (indexOf(all, override.experiment()) < 0) {
                throw new UnknownExperimentException(override.experiment());
            }
            Optional<DeviceOverride> kept = overrides.stream()
                    .filter(one -> isOf(one, override.experiment(), override.device())).findFirst();
            if (!kept.equals(expected)) {
                return false;
            }
            kept.ifPresent(overrides::remove);
            overrides.add(override);
            return true;
        }, entry);
    }

    @Override
    public boolean removeOverride(DeviceOverride expected, AuditEntry entry) {
        Objects.requireNonNull(entry, "entry");
        return change((all, overrides) -> overrides.remove(expected), entry);
    }

    private static boolean isOf(DeviceOverride override, ExperimentKey experiment, DeviceToken device) {
        return override.experiment().equals(experiment) && override.device().equals(device);
    }

    @Override
    public List<DeviceOverride> overrides() {
        Snapshot now = snapshot;
        List<DeviceOverride> ordered = new ArrayList<>(now.overrides.size());
        for (Experiment experiment : now.all) {
            for (DeviceOverride override : now.overrides) {
                if (override.experiment().equals(experiment.key())) {
                    ordered.add(override);
                }
            }
        }
        return List.copyOf(ordered);
    }

    /** Called by each {@link InMemoryDevices} on this catalog: how many slots of an experiment it handed out. */
    void countSlotsWith(ToLongFunction<ExperimentKey> handedOut) {
        slotCounts.add(handedOut);
    }

    private long slotsHandedOut(ExperimentKey experiment) {
        long handedOut = 0;
        for (ToLongFunction<ExperimentKey> count : slotCounts) {
            handedOut = Math.max(handedOut, count.applyAsLong(experiment));
        }
        return handedOut;
    }

    /**
     * Runs {@code change} on a copy of the list, which becomes the next version, recorded by {@code entry},
     * if it returns true.
     */
    private boolean change(Predicate<List<Experiment>> change, AuditEntry entry) {
        return change((all, overrides) -> {
            boolean changed = change.test(all);
            if (changed) {
                // A draft's options may have changed: its overrides of values it no longer has go.
                overrides.removeIf(override -> all.stream().noneMatch(experiment ->
                        experiment.key().equals(override.experiment()) && experiment.options().stream()
                                .anyMatch(option -> option.value().equals(override.value()))));
            }
            return changed;
        }, entry);
    }

    /**
     * Runs {@code change} on copies of the lists, which become the next version, recorded by {@code entry}
     * (none for the shipped experiments), if it returns true.
     */
    private boolean change(BiPredicate<List<Experiment>, List<DeviceOverride>> change, AuditEntry entry) {
        catalog.writeLock().lock();
        try {
            List<Experiment> all = new ArrayList<>(snapshot.all);
            List<DeviceOverride> overrides = new ArrayList<>(snapshot.overrides);
            if (!change.test(all, overrides)) {
                return false;
            }
            if (entry != null) {
                audit.append(entry); // first: a reader of the trail may see the entry a moment before the change, never after
            }
            snapshot = new Snapshot(snapshot.running.version() + 1, all, overrides);
            return true;
        } finally {
            catalog.writeLock().unlock();
        }
    }

    /** Runs {@code work} on the running set, which no change replaces until {@code work} returns. */
    <T> T whileUnchanged(Function<RunningExperiments, T> work) {
        catalog.readLock().lock();
        try {
            return work.apply(snapshot.running);
        } finally {
            catalog.readLock().unlock();
        }
    }

    @Override
    public Optional<Experiment> find(ExperimentKey key) {
        List<Experiment> all = snapshot.all;
        int index = indexOf(all, key);
        return index < 0 ? Optional.empty() : Optional.of(all.get(index));
    }

    @Override
    public List<Experiment> all() {
        return snapshot.all;
    }

    @Override
    public RunningExperiments running() {
        return snapshot.running;
    }

    @Override
    public List<Experiment> withSchedule() {
        return snapshot.all.stream()
                .filter(experiment -> experiment.status() != ExperimentStatus.STOPPED)
                .filter(experiment -> experiment.lifecycle().startAt() != null || experiment.lifecycle().endAt() != null)
                .toList();
    }

    private static int indexOf(List<Experiment> experiments, ExperimentKey key) {
        for (int i = 0; i < experiments.size(); i++) {
            if (experiments.get(i).key().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private record Snapshot(List<Experiment> all, List<DeviceOverride> overrides, RunningExperiments running) {
        Snapshot(long version, List<Experiment> all, List<DeviceOverride> overrides) {
            this(List.copyOf(all), List.copyOf(overrides), RunningExperiments.withOverrides(version,
                    all.stream().filter(experiment -> experiment.isServed() || isOverridden(experiment, overrides)).toList(),
                    overrides));
        }

        private static boolean isOverridden(Experiment experiment, List<DeviceOverride> overrides) {
            return overrides.stream().anyMatch(override -> override.experiment().equals(experiment.key()));
        }
    }
}
