package dev.abkit.core.service;

import dev.abkit.core.audit.Actor;
import dev.abkit.core.audit.AuditAction;
import dev.abkit.core.audit.AuditEntry;
import dev.abkit.core.auth.Permission;
import dev.abkit.core.auth.Principal;
import dev.abkit.core.error.UnknownExperimentException;
import dev.abkit.core.model.CoveragePlan;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.port.in.CloseExperiment;
import dev.abkit.core.port.in.CreateExperiment;
import dev.abkit.core.port.in.EditExperiment;
import dev.abkit.core.port.in.ExperimentChanges;
import dev.abkit.core.port.in.FindExperiments;
import dev.abkit.core.port.in.NewExperiment;
import dev.abkit.core.port.in.ScheduleExperiment;
import dev.abkit.core.port.in.StartExperiment;
import dev.abkit.core.port.in.StopExperiment;
import dev.abkit.core.port.out.Experiments;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;

/**
 * Creates, reads, edits and moves experiments through their lifecycle for product teams. Each change
 * is decided on the experiment as stored and kept only if it is still stored so (a compare-and-set),
 * else decided again on what is stored now: a change made meanwhile by another call, instance or
 * schedule is never overwritten. Each change kept is recorded in the audit trail, by the store in the
 * same transaction, under the actor's name (decision 19).
 */
public final class ExperimentAdminService implements CreateExperiment, FindExperiments, StartExperiment,
        ScheduleExperiment, CloseExperiment, StopExperiment, EditExperiment {

    private final Experiments experiments;
    private final Clock clock;
    private final LongSupplier seeds;
    private final Runnable afterChange;

    /**
     * @param seeds the source of each new experiment's allocation seed; it decides the slot order,
     *              so give a random one in production and a fixed one in tests
     */
    public ExperimentAdminService(Experiments experiments, Clock clock, LongSupplier seeds) {
        this(experiments, clock, seeds, () -> { });
    }

    /**
     * @param afterChange run after each change, e.g. to re-read the served experiments that answers
     *                    from memory use; a failure of it does not fail the change, which is stored by then
     */
    public ExperimentAdminService(Experiments experiments, Clock clock, LongSupplier seeds, Runnable afterChange) {
        this.experiments = Objects.requireNonNull(experiments, "experiments");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.seeds = Objects.requireNonNull(seeds, "seeds");
        this.afterChange = Objects.requireNonNull(afterChange, "afterChange");
    }

    @Override
    public Experiment create(Principal actor, NewExperiment newExperiment) {
        actor.require(Permission.CHANGE_EXPERIMENTS);
        Instant now = clock.instant();
        Experiment experiment = new Experiment(newExperiment.key(), newExperiment.options(), newExperiment.audience(),
                CoveragePlan.of(newExperiment.coverage()), LifecycleRules.ofNew(newExperiment, now), now,
                seeds.getAsLong());
        experiments.add(experiment,
                AuditEntry.ofExperiment(now, Actor.of(actor), AuditAction.EXPERIMENT_CREATED, Optional.empty(), experiment));
        changed();
        return experiment;
    }

    @Override
    public List<Experiment> all() {
        return experiments.all();
    }

    @Override
    public Experiment get(ExperimentKey key) {
        return experiments.find(key).orElseThrow(() -> new UnknownExperimentException(key));
    }

    @Override
    public Experiment start(Principal actor, ExperimentKey key) {
        return change(actor, key, AuditAction.EXPERIMENT_STARTED, LifecycleRules::started);
    }

    @Override
    public Experiment schedule(Principal actor, ExperimentKey key, Instant startAt, Instant endAt) {
        return change(actor, key, AuditAction.EXPERIMENT_SCHEDULED,
                (experiment, now) -> LifecycleRules.scheduled(experiment, startAt, endAt, now));
    }

    @Override
    public void check(Principal actor, ExperimentKey key, Instant startAt, Instant endAt) {
        actor.require(Permission.CHANGE_EXPERIMENTS);
        LifecycleRules.scheduled(get(key), startAt, endAt, clock.instant());
    }

    @Override
    public Experiment close(Principal actor, ExperimentKey key) {
        return change(actor, key, AuditAction.EXPERIMENT_CLOSED, (experiment, now) -> LifecycleRules.closed(experiment));
    }

    @Override
    public Experiment stop(Principal actor, ExperimentKey key) {
        return change(actor, key, AuditAction.EXPERIMENT_STOPPED, (experiment, now) -> LifecycleRules.stopped(experiment));
    }

    @Override
    public Experiment edit(Principal actor, ExperimentKey key, ExperimentChanges changes) {
        return change(actor, key, AuditAction.EXPERIMENT_UPDATED,
                (experiment, now) -> LifecycleRules.edited(experiment, changes, now));
    }

    /**
     * Decides on the stored experiment and keeps the outcome with its audit entry, unless the stored one
     * changed meanwhile: then again. A call that changes nothing records nothing.
     */
    private Experiment change(Principal actor, ExperimentKey key, AuditAction action,
                              BiFunction<Experiment, Instant, Experiment> decision) {
        actor.require(Permission.CHANGE_EXPERIMENTS);
        while (true) {
            Experiment stored = get(key);
            Instant now = clock.instant();
            Experiment changed = decision.apply(stored, now);
            if (changed.equals(stored)) {
                return stored;
            }
            AuditEntry entry = AuditEntry.ofExperiment(now, Actor.of(actor), action, Optional.of(stored), changed);
            if (experiments.replace(stored, changed, entry)) {
                changed();
                // A coverage change is placed by the store (from which slot on); show it as placed.
                return changed.coveragePlan().isPending() ? get(key) : changed;
            }
        }
    }

    private void changed() {
        try {
            afterChange.run();
        } catch (RuntimeException stillStored) {
            // the change is stored; whoever reads the served experiments next time picks it up
        }
    }
}
