package dev.abkit.core.memory;

import dev.abkit.core.event.MetricName;
import dev.abkit.core.export.EventRow;
import dev.abkit.core.export.Period;
import dev.abkit.core.model.Assignment;
import dev.abkit.core.model.DeviceOverride;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.StoredDevice;
import dev.abkit.core.port.out.ExportRows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The export rows of the in-memory stores, the reference of the export contract. It sorts copies of what it
 * holds before handing them over: memory in embedded use holds every row anyway, so only the database adapter
 * streams from a cursor.
 */
public final class InMemoryExportRows implements ExportRows {

    private static final Comparator<StoredAssignment> BY_FIRST_REQUEST = Comparator
            .comparing(StoredAssignment::firstSeen)
            .thenComparing(row -> row.device().value())
            .thenComparing(row -> row.experiment().value());
    private static final Comparator<EventRow> BY_TIME = Comparator
            .comparing((EventRow row) -> row.event().at())
            .thenComparing(row -> row.event().device().value())
            .thenComparing(row -> row.event().id().value());

    private final InMemoryExperiments experiments;
    private final InMemoryDevices devices;
    private final InMemoryEventStore events;

    public InMemoryExportRows(InMemoryExperiments experiments, InMemoryDevices devices, InMemoryEventStore events) {
        this.experiments = Objects.requireNonNull(experiments, "experiments");
        this.devices = Objects.requireNonNull(devices, "devices");
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public void assignments(Optional<ExperimentKey> experiment, Period firstSeen, Consumer<StoredAssignment> sink) {
        Set<String> overridden = experiments.overrides().stream()
                .map(InMemoryExportRows::overrideKey).collect(Collectors.toSet());
        List<StoredAssignment> rows = new ArrayList<>();
        for (StoredDevice stored : devices.stored()) {
            if (!firstSeen.contains(stored.device().firstSeen())) {
                continue;
            }
            for (Assignment assignment : stored.device().assignments()) {
                if (experiment.map(assignment.experiment()::equals).orElse(true)) {
                    DeviceToken token = stored.device().token();
                    rows.add(new StoredAssignment(token, assignment.experiment(), assignment.value(),
                            stored.slotIn(assignment.experiment()), stored.device().firstSeen(),
                            overridden.contains(overrideKey(assignment.experiment(), token))));
                }
            }
        }
        rows.sort(experiment.isPresent() ? Comparator.comparingLong(StoredAssignment::slot) : BY_FIRST_REQUEST);
        rows.forEach(sink);
    }

    @Override
    public void events(ExperimentKey experiment, Period occurred, Optional<MetricName> metric, Consumer<EventRow> sink) {
        List<EventRow> rows = new ArrayList<>();
        for (StoredDevice stored : devices.stored()) {
            if (stored.device().valueIn(experiment).isPresent()) {
                for (EventRow row : events.storedEventsOf(stored.device().token())) {
                    if (occurred.contains(row.event().at()) && metric.map(row.event().metric()::equals).orElse(true)) {
                        rows.add(row);
                    }
                }
            }
        }
        rows.sort(BY_TIME);
        rows.forEach(sink);
    }

    private static String overrideKey(DeviceOverride override) {
        return overrideKey(override.experiment(), override.device());
    }

    private static String overrideKey(ExperimentKey experiment, DeviceToken device) {
        return experiment.value() + '\n' + device.value();
    }
}
