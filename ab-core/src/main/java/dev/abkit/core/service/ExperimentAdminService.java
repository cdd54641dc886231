package dev.abkit.core.service;

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
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;

/**
 * Creates, reads, edits and moves experiments through their lifecycle for product teams. Each change
 * is decided on the experiment as stored and kept only if it is still stored so (a compare-and-set),
 * else decided again on what is stored now: a change made meanwhile by another call, instance or
 * schedule is never overwritten.
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
    public Experiment create(NewExperiment newExperiment) {
        Instant now = clock.instant();
        Experiment experiment = new Experiment(newExperiment.key(), newExperiment.options(), newExperiment.audience(),
                CoveragePlan.of(newExperiment.coverage()), LifecycleRules.ofNew(newExperiment, now), now,
                seeds.getAsLong());
        experiments.add(experiment);
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
    public Experiment start(ExperimentKey key) {
        return change(key, LifecycleRules::started);
    }

    @Override
    public Experiment schedule(ExperimentKey key, Instant startAt, Instant endAt) {
        return change(key, (experiment, now) -> LifecycleRules.scheduled(experiment, startAt, endAt, now));
    }

    @Override
    public Experiment close(ExperimentKey key) {
        return change(key, (experiment, now) -> LifecycleRules.closed(experiment));
    }

    @Override
    public Experiment stop(ExperimentKey key) {
        return change(key, (experiment, now) -> LifecycleRules.stopped(experiment));
    }

    @Override
    public Experiment edit(ExperimentKey key, ExperimentChanges changes) {
        return change(key, (experiment, now) -> LifecycleRules.edited(experiment, changes, now));
    }

    /** Decides on the stored experiment and keeps the outcome, unless the stored one changed meanwhile: then again. */
    private Experiment change(ExperimentKey key, BiFunction<Experiment, Instant, Experiment> decision) {
        while (true) {
            Experiment stored = get(key);
            Experiment changed = decision.apply(stored, clock.instant());
            if (changed.equals(stored)) {
                return stored;
            }
            if (experiments.replace(stored, changed)) {
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
