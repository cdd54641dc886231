package dev.abkit.core.audit;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A page of the trail, and where the next one starts ({@code next}, the last position on this page),
 * absent when this page ends the entries that exist now.
 */
public record AuditPage(List<AuditRecord> entries, OptionalLong next) {

    public AuditPage {
        entries = List.copyOf(entries);
        Objects.requireNonNull(next, "next");
    }
}
