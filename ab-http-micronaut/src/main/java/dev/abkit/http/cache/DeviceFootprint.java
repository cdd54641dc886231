package dev.abkit.http.cache;

import dev.abkit.core.model.Assignment;
import dev.abkit.core.model.Device;

/**
 * What a cached device costs the heap, estimated from above for a 64-bit JVM with compressed
 * references: its objects, its strings, and the cache's own entry. The estimate must never be lower
 * than the truth, or a cache bounded by it would hold more than its bound; DeviceFootprintTest
 * checks it against the measured size.
 */
final class DeviceFootprint {

    /** Caffeine's node, the hash table's node and slot, the frequency sketch's share. */
    private static final int CACHE_ENTRY = 96;
    private static final int DEVICE = 24;
    private static final int TOKEN = 16;
    private static final int INSTANT = 24;
    /** An immutable list and the header of its array. */
    private static final int LIST = 32;
    private static final int LIST_SLOT = 4;
    private static final int ASSIGNMENT = 24;
    private static final int EXPERIMENT_KEY = 16;
    private static final int STRING = 24;
    private static final int ARRAY_HEADER = 16;

    private DeviceFootprint() {
    }

    static int bytes(Device device) {
        int bytes = CACHE_ENTRY + DEVICE + TOKEN + latin1(device.token().value()) + INSTANT + LIST;
        for (Assignment assignment : device.assignments()) {
            bytes += LIST_SLOT + ASSIGNMENT + EXPERIMENT_KEY + latin1(assignment.experiment().value())
                    + anyText(assignment.value());
        }
        return bytes;
    }

    /** A string of one-byte characters: tokens and keys are ASCII by their rules. */
    private static int latin1(String text) {
        return STRING + aligned(ARRAY_HEADER + text.length());
    }

    /** Option values may hold any character: two bytes each, as Java stores them then. */
    private static int anyText(String text) {
        return STRING + aligned(ARRAY_HEADER + 2 * text.length());
    }

    private static int aligned(int bytes) {
        return (bytes + 7) & ~7;
    }
}
