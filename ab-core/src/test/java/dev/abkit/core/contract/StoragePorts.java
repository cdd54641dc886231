package dev.abkit.core.contract;

import dev.abkit.core.port.out.Devices;
import dev.abkit.core.port.out.EnrollmentCounts;
import dev.abkit.core.port.out.Experiments;

/** The storage ports of one abkit instance, as a composition root would hand them to the core. */
public record StoragePorts(Experiments experiments, Devices devices, EnrollmentCounts counts) {
}
