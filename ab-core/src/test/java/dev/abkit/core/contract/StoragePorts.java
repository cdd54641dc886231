package dev.abkit.core.contract;

import dev.abkit.core.port.out.Devices;
import dev.abkit.core.port.out.EnrollmentCounts;
import dev.abkit.core.port.out.Experiments;

/**
 * The storage ports of one abkit instance, as a composition root would hand them to the core, and
 * how to make that store hand out again, now, the slots of registrations that failed (a store may
 * do that on its own only after a while, or at once, as the in-memory one does).
 */
public record StoragePorts(Experiments experiments, Devices devices, EnrollmentCounts counts, Runnable recoverLostSlots) {
}
