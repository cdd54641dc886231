package dev.abkit.core.service;

import dev.abkit.core.audit.Actor;
import dev.abkit.core.audit.AuditAction;
import dev.abkit.core.audit.AuditEntry;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.port.in.CarryOutSchedules;
import dev.abkit.core.port.out.Experiments;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Carries out the starts and ends that have come ({@link Experiment#dueAt}). Each one is kept by a
 * compare-and-set on the experiment as read: of several instances that find the same change due,
 * exactly one stores it, with its own instant as the start; the others find it done. Each is recorded in
 * the audit trail by {@link Actor#SCHEDULER}, once, by the instance that stored it.
 */
public final class ScheduleService implements CarryOutSchedules {

    private final Experiments experiments;
    private final Clock clock;
    private final Runnable afterChange;

    /** @param afterChange run after a call that changed something, as {@link ExperimentAdminService}'s */
    public ScheduleService(Experiments experiments, Clock clock, Runnable afterChange) {
        this.experiments = Objects.requireNonNull(experiments, "experiments");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.afterChange = Objects.requireNonNull(afterChange, "afterChange");
    }

    @Override
    public List<Experiment> carryOutDue() {
        List<Experiment> changed = new ArrayList<>();
        for (Experiment experiment : experiments.withSchedule()) {
            Instant now = clock.instant();
            Optional<Experiment> due = experiment.dueAt(now);
            if (due.isPresent() && experiments.replace(experiment, due.get(), AuditEntry.ofExperiment(now,
                    Actor.SCHEDULER, AuditAction.reaching(due.get().status()), Optional.of(experiment), due.get()))) {
                changed.add(due.get());
            }
        }
        if (!changed.isEmpty()) {
            try {
                afterChange.run();
            } catch (RuntimeException stillStored) {
                // stored; the next read of the served experiments picks it up
            }
        }
        return changed;
    }
}
