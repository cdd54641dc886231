package dev.abkit.core.contract;

import dev.abkit.core.memory.InMemoryAuditLog;
import dev.abkit.core.memory.InMemoryExperiments;
import dev.abkit.core.memory.InMemoryTokens;

/** The reference: the in-memory stores, sharing one trail, keep the audit trail contract. */
class InMemoryAuditTrailTest extends AuditTrailContract {

    @Override
    protected TrailPorts freshPorts() {
        InMemoryAuditLog log = new InMemoryAuditLog();
        return new TrailPorts(new InMemoryExperiments(log).addShipped(), new InMemoryTokens(log), log);
    }
}
