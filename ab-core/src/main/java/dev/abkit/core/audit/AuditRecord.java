package dev.abkit.core.audit;

import java.util.Objects;

/**
 * An entry as kept, with its place in the trail: {@code position} grows with every entry written, in the
 * order the changes were committed, so a reader that pages on from the last position it saw neither
 * repeats nor skips one, however many are written meanwhile.
 */
public record AuditRecord(long position, AuditEntry entry) {

    public AuditRecord {
        Objects.requireNonNull(entry, "entry");
        if (position < 1) {
            throw new IllegalArgumentException("positions start at 1 (got " + position + ")");
        }
    }
}
