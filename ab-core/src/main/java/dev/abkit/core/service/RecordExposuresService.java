package dev.abkit.core.service;

import dev.abkit.core.error.InvalidEventException;
import dev.abkit.core.event.ExposureBatch;
import dev.abkit.core.model.Device;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.port.in.Ingested;
import dev.abkit.core.port.in.RecordExposures;
import dev.abkit.core.port.out.Devices;
import dev.abkit.core.port.out.EventStore;
import dev.abkit.core.port.out.Experiments;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Keeps a registered device's exposures. An exposure to a key no experiment has is a client error the client can
 * fix (a typo in its key), so the request is refused whole, like an invalid event; one to an experiment the device
 * is not in is kept and never counted, since the app may show a default to devices outside it.
 */
public final class RecordExposuresService implements RecordExposures {

    private final Devices devices;
    private final Experiments experiments;
    private final EventStore events;

    public RecordExposuresService(Devices devices, Experiments experiments, EventStore events) {
        this.devices = Objects.requireNonNull(devices, "devices");
        this.experiments = Objects.requireNonNull(experiments, "experiments");
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public Ingested record(ExposureBatch batch) {
        Device device = RecordEventsService.registered(devices, batch.exposures().get(0).device());
        Set<ExperimentKey> known = new HashSet<>();
        for (int i = 0; i < batch.exposures().size(); i++) {
            ExperimentKey experiment = batch.exposures().get(i).experiment();
            if (!known.contains(experiment) && experiments.find(experiment).isEmpty()) {
                throw new InvalidEventException(batch.experimentField(i),
                        "there is no experiment with key \"" + experiment + "\"");
            }
            known.add(experiment);
        }
        events.expose(device, batch);
        return new Ingested(batch.exposures().size(), 0);
    }
}
