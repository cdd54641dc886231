package dev.abkit.core.export;

import dev.abkit.core.model.DeviceToken;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of an experiment's assignment export: a device that took a slot of the experiment.
 *
 * @param option     the option value it was given; null when the experiment's coverage left it out (R7)
 * @param block      the slot's block ({@code slot / block size}): counts are exact at each block's end (R3)
 * @param enrolledAt when it was enrolled: its first request (R2)
 * @param overridden whether QA forces it into an option now (R9); its slot and option stay as allocated
 */
public record AssignmentRow(DeviceToken device, String option, long slot, long block, Instant enrolledAt,
                            boolean overridden) {

    public AssignmentRow {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(enrolledAt, "enrolledAt");
        if (slot < 0 || block < 0 || block > slot) {
            throw new IllegalArgumentException("slot " + slot + " cannot lie in block " + block);
        }
    }

    public boolean isLeftOut() {
        return option == null;
    }
}
