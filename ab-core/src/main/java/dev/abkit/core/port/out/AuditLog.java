package dev.abkit.core.port.out;

import dev.abkit.core.audit.AuditQuery;
import dev.abkit.core.audit.AuditRecord;

import java.util.List;

/**
 * Reads the audit trail. Entries are written by the stores that make the changes ({@link Experiments},
 * {@link Tokens}), each in the transaction of its change; this port only reads them.
 */
public interface AuditLog {

    /**
     * The entries {@code query} asks for with a position after {@code query.after()}, by position, at most
     * {@code max} ({@code query.limit()} is the page's size, which the use case may read one beyond to know
     * whether a next page exists). Positions grow in the order the changes were committed, so the entries written
     * while a reader pages through come after the pages it has read.
     */
    List<AuditRecord> read(AuditQuery query, int max);
}
