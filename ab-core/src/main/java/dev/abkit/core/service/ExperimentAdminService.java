package dev.abkit.core.service;

import dev.abkit.core.error.UnknownExperimentException;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.port.in.CreateExperiment;
import dev.abkit.core.port.in.FindExperiments;
import dev.abkit.core.port.in.NewExperiment;
import dev.abkit.core.port.in.StopExperiment;
import dev.abkit.core.port.out.Experiments;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/** Creates, reads and stops experiments for product teams. */
public final class ExperimentAdminService implements CreateExperiment, FindExperiments, StopExperiment {

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
     * @param afterChange run after each create and stop, e.g. to re-read the running experiments that
     *                    answers from memory use; a failure of it does not fail the change, which is
     *                    stored by then
     */
    public ExperimentAdminService(Experiments experiments, Clock clock, LongSupplier seeds, Runnable afterChange) {
        this.experiments = Objects.requireNonNull(experiments, "experiments");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.seeds = Objects.requireNonNull(seeds, "seeds");
        this.afterChange = Objects.requireNonNull(afterChange, "afterChange");
    }

    @Override
    public Experiment create(NewExperiment newExperiment) {
        Experiment experiment = Experiment.start(
                newExperiment.key(), newExperiment.options(), clock.instant(), seeds.getAsLong());
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
    public Experiment stop(ExperimentKey key) {
        Experiment experiment = get(key);
        if (!experiment.isRunning()) {
            return experiment;
        }
        Experiment stopped = experiment.stopped();
        experiments.updateStatus(stopped);
        changed();
        return stopped;
    }

    private void changed() {
        try {
            afterChange.run();
        } catch (RuntimeException stillStored) {
            // the change is stored; whoever reads the running experiments next time picks it up
        }
    }
}
