package dev.abkit.core.contract;

import dev.abkit.core.port.out.Devices;
import dev.abkit.core.port.out.EventStore;
import dev.abkit.core.port.out.Experiments;
import dev.abkit.core.port.out.ExportRows;

/** The ports {@link ExportRowsContract} needs of one fresh store: devices and events to export, and the rows under test. */
public record ExportStoragePorts(Experiments experiments, Devices devices, EventStore events, ExportRows rows) {
}
