package dev.abkit.core.service;

import dev.abkit.core.error.UnknownExperimentException;
import dev.abkit.core.event.MetricName;
import dev.abkit.core.export.AssignmentRow;
import dev.abkit.core.export.EventRow;
import dev.abkit.core.export.HistoryRow;
import dev.abkit.core.export.Period;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.ExperimentStatus;
import dev.abkit.core.port.in.ExportAssignments;
import dev.abkit.core.port.in.ExportEvents;
import dev.abkit.core.port.in.ExportHistory;
import dev.abkit.core.port.out.ExportRows;
import dev.abkit.core.port.out.Experiments;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The three exports of issue 15 on {@link ExportRows}: which rows each has is decided here, the store only
 * streams them. An unknown experiment is refused before the first row, so that an export either starts or
 * answers 404.
 */
public final class ExportService implements ExportAssignments, ExportHistory, ExportEvents {

    private final Experiments experiments;
    private final ExportRows rows;

    public ExportService(Experiments experiments, ExportRows rows) {
        this.experiments = experiments;
        this.rows = rows;
    }

    @Override
    public void assignments(ExperimentKey key, Period enrolled, Consumer<AssignmentRow> sink) {
        int blockSize = find(key).blockSize();
        rows.assignments(Optional.of(key), enrolled, stored -> sink.accept(new AssignmentRow(stored.device(),
                stored.value(), stored.slot(), stored.slot() / blockSize, stored.firstSeen(), stored.overridden())));
    }

    @Override
    public void history(YearMonth month, Consumer<HistoryRow> sink) {
        Period period = Period.month(month);
        rows.assignments(Optional.empty(), period, stored -> {
            if (stored.value() != null) {
                sink.accept(new HistoryRow(stored.firstSeen(), HistoryRow.Kind.ENROLLED, stored.experiment(),
                        stored.device(), stored.value()));
            }
        });
        for (Experiment ended : endedIn(period)) {
            Instant at = endOf(ended).orElseThrow();
            rows.assignments(Optional.of(ended.key()), Period.ALWAYS, stored -> {
                if (stored.value() != null) {
                    sink.accept(new HistoryRow(at, HistoryRow.Kind.ENDED, ended.key(), stored.device(), stored.value()));
                }
            });
        }
    }

    @Override
    public void events(ExperimentKey key, Period occurred, Optional<MetricName> metric, Consumer<EventRow> sink) {
        find(key);
        rows.events(key, occurred, metric, sink);
    }

    private List<Experiment> endedIn(Period period) {
        return experiments.all().stream()
                .filter(experiment -> endOf(experiment).filter(period::contains).isPresent())
                .sorted(Comparator.comparing((Experiment experiment) -> endOf(experiment).orElseThrow())
                        .thenComparing(experiment -> experiment.key().value()))
                .toList();
    }

    /**
     * When an ended (closed or stopped) experiment ended, as far as it is known: the end its schedule set.
     * A stop or close by hand keeps no time of its own yet, so such an experiment has no known end and is in
     * no month's history (docs/api.md, decision 18).
     */
    static Optional<Instant> endOf(Experiment experiment) {
        ExperimentStatus status = experiment.status();
        boolean ended = status == ExperimentStatus.CLOSED || status == ExperimentStatus.STOPPED;
        return ended ? Optional.ofNullable(experiment.lifecycle().endAt()) : Optional.empty();
    }

    private Experiment find(ExperimentKey key) {
        return experiments.find(key).orElseThrow(() -> new UnknownExperimentException(key));
    }
}
