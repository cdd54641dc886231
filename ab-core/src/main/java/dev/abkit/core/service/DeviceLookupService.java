package dev.abkit.core.service;

import dev.abkit.core.error.UnknownDeviceException;
import dev.abkit.core.model.Device;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.Overrides;
import dev.abkit.core.model.StoredDevice;
import dev.abkit.core.port.in.DeviceReport;
import dev.abkit.core.port.in.DeviceReport.AssignmentFigures;
import dev.abkit.core.port.in.FindDevice;
import dev.abkit.core.port.out.Devices;
import dev.abkit.core.port.out.Experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a device with its slots from the store (never from the memory of returning devices), with the
 * QA overrides that apply to it now.
 */
public final class DeviceLookupService implements FindDevice {

    private final Experiments experiments;
    private final Devices devices;

    public DeviceLookupService(Experiments experiments, Devices devices) {
        this.experiments = Objects.requireNonNull(experiments, "experiments");
        this.devices = Objects.requireNonNull(devices, "devices");
    }

    @Override
    public DeviceReport find(DeviceToken token) {
        StoredDevice stored = devices.findWithSlots(token).orElseThrow(() -> new UnknownDeviceException(token));
        Device device = stored.device();
        List<AssignmentFigures> assignments = new ArrayList<>(device.assignments().size());
        // Experiments are read after the device: every experiment a stored assignment names is among them.
        Overrides overrides = experiments.running().overrides();
        for (Experiment experiment : experiments.all()) {
            Optional<String> own = device.valueIn(experiment.key());
            boolean leftOut = device.isLeftOutOf(experiment.key());
            Long slot = own.isPresent() || leftOut ? stored.slotIn(experiment.key()) : null;
            Optional<String> forced = overrides.valueFor(token, experiment.key());
            if (forced.isPresent()) {
                assignments.add(new AssignmentFigures(experiment.key(), forced.get(), experiment.status(), slot, true,
                        leftOut));
            } else if (own.isPresent() || leftOut) {
                assignments.add(new AssignmentFigures(experiment.key(), own.orElse(null), experiment.status(), slot,
                        false, leftOut));
            }
        }
        return new DeviceReport(device.token(), device.firstSeen(), device.attributes(), assignments);
    }
}
