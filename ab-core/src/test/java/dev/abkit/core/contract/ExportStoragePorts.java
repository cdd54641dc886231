package dev.abkit.core.contract;

import dev.abkit.core.port.out.AuditLog;
import dev.abkit.core.port.out.Devices;
import dev.abkit.core.port.out.EventStore;
import dev.abkit.core.port.out.Experiments;
import dev.abkit.core.port.out.ExportRows;

/**
 * The ports {@link ExportRowsContract} needs of one fresh store: devices and events to export, the rows under
 * test, and the audit trail the experiments' ends are read from.
 */
public record ExportStoragePorts(Experiments experiments, Devices devices, EventStore events, ExportRows rows,
                                 AuditLog auditLog) {
}
