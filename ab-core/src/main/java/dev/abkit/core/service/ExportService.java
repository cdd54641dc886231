package dev.abkit.core.service;

import dev.abkit.core.audit.AuditAction;
import dev.abkit.core.audit.AuditQuery;
import dev.abkit.core.audit.AuditRecord;
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
import dev.abkit.core.port.out.AuditLog;
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

    /** Ends are rare: an experiment's trail is read a page of this many entries at a time to find its first. */
    private static final int TRAIL_PAGE = 200;

    private final Experiments experiments;
    private final ExportRows rows;
    private final AuditLog audit;

    /** @param audit where the instants of closes and stops are read from (decision 19) */
    public ExportService(Experiments experiments, ExportRows rows, AuditLog audit) {
        this.experiments = experiments;
        this.rows = rows;
        this.audit = audit;
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
        for (Ended ended : endedIn(period)) {
            ExperimentKey key = ended.experiment().key();
            rows.assignments(Optional.of(key), Period.ALWAYS, stored -> {
                if (stored.value() != null) {
                    sink.accept(new HistoryRow(ended.at(), HistoryRow.Kind.ENDED, key, stored.device(), stored.value()));
                }
            });
        }
    }

    @Override
    public void events(ExperimentKey key, Period occurred, Optional<MetricName> metric, Consumer<EventRow> sink) {
        find(key);
        rows.events(key, occurred, metric, sink);
    }

    private record Ended(Experiment experiment, Instant at) {
    }

    /** The experiments that ended in {@code period}, by their end, then key. */
    private List<Ended> endedIn(Period period) {
        return experiments.all().stream()
                .flatMap(experiment -> endOf(experiment).filter(period::contains).map(at -> new Ended(experiment, at)).stream())
                .sorted(Comparator.comparing(Ended::at).thenComparing(ended -> ended.experiment().key().value()))
                .toList();
    }

    /**
     * When an ended (closed or stopped) experiment ended: its first close or stop in the audit trail, by a
     * person or by its schedule, so a close followed by a stop is one end. An experiment that ended before the
     * trail was kept has only its scheduled {@code endAt} to go by; one stopped by hand then has no known end
     * and is in no month's history (docs/api.md).
     */
    Optional<Instant> endOf(Experiment experiment) {
        ExperimentStatus status = experiment.status();
        if (status != ExperimentStatus.CLOSED && status != ExperimentStatus.STOPPED) {
            return Optional.empty();
        }
        return firstRecordedEnd(experiment.key()).or(() -> Optional.ofNullable(experiment.lifecycle().endAt()));
    }

    private Optional<Instant> firstRecordedEnd(ExperimentKey key) {
        AuditQuery query = AuditQuery.of(key).withoutTokens().limit(TRAIL_PAGE);
        for (List<AuditRecord> page = audit.read(query, TRAIL_PAGE); !page.isEmpty();
             page = audit.read(query.after(page.get(page.size() - 1).position()), TRAIL_PAGE)) {
            for (AuditRecord record : page) {
                AuditAction action = record.entry().action();
                if (action == AuditAction.EXPERIMENT_CLOSED || action == AuditAction.EXPERIMENT_STOPPED) {
                    return Optional.of(record.entry().at());
                }
            }
        }
        return Optional.empty();
    }

    private Experiment find(ExperimentKey key) {
        return experiments.find(key).orElseThrow(() -> new UnknownExperimentException(key));
    }
}
