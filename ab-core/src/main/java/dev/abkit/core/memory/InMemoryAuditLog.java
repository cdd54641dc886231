package dev.abkit.core.memory;

import dev.abkit.core.audit.AuditEntry;
import dev.abkit.core.audit.AuditQuery;
import dev.abkit.core.audit.AuditRecord;
import dev.abkit.core.port.out.AuditLog;

import java.util.ArrayList;
import java.util.List;

/**
 * The audit trail in a list. The in-memory stores append to it while they hold the lock that makes their
 * change, so that an entry is there as soon as its change is, and positions follow the changes' order.
 */
public final class InMemoryAuditLog implements AuditLog {

    private final List<AuditRecord> records = new ArrayList<>();

    /** Called by a store with its change, under the lock that makes it. */
    synchronized void append(AuditEntry entry) {
        records.add(new AuditRecord(records.size() + 1L, entry));
    }

    @Override
    public synchronized List<AuditRecord> read(AuditQuery query, int max) {
        List<AuditRecord> page = new ArrayList<>();
        // positions are 1, 2, 3…: the record after position p is at index p
        for (int i = (int) Math.min(query.after(), records.size()); i < records.size() && page.size() < max; i++) {
            if (query.matches(records.get(i).entry())) {
                page.add(records.get(i));
            }
        }
        return page;
    }
}
