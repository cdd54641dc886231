package dev.abkit.stats;

import dev.abkit.core.audit.AuditEntry;
import dev.abkit.core.audit.AuditPage;
import dev.abkit.core.audit.AuditQuery;
import dev.abkit.core.audit.AuditRecord;
import dev.abkit.core.audit.ChangeSummary;
import dev.abkit.core.auth.Permission;
import dev.abkit.core.auth.Principal;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.port.in.ReadAudit;
import io.micronaut.core.annotation.Introspected;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * What the results page shows of an experiment's audit trail: when, who, what, and a line saying what changed
 * (worded by the core's {@link ChangeSummary}, as the console's history page words it).
 * Oldest first, as the trail and {@code GET /api/v1/admin/audit} list it, so that it reads as the experiment's
 * story from its creation to now; when there are more than {@link #SHOWN} changes, the oldest are left out and
 * counted ({@code omitted}), so that the latest change is always on the page.
 */
@Introspected
public record ChangeHistory(List<Change> changes, long omitted) {

    static final int SHOWN = 100;

    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** One change: when, who (token name and role, or scheduler/system), the action and what it changed. */
    @Introspected
    public record Change(String at, String name, String role, String action, String summary) {
    }

    /** @return the experiment's changes, or null when {@code viewer} may not read the audit trail */
    static ChangeHistory read(ReadAudit audit, Principal viewer, ExperimentKey experiment) {
        if (!viewer.may(Permission.READ_AUDIT)) {
            return null;
        }
        Deque<AuditRecord> latest = new ArrayDeque<>(SHOWN);
        long omitted = 0;
        AuditQuery query = AuditQuery.of(experiment).limit(AuditQuery.MAX_LIMIT);
        while (true) {
            AuditPage page = audit.read(viewer, query);
            for (AuditRecord entry : page.entries()) {
                if (latest.size() == SHOWN) {
                    latest.removeFirst();
                    omitted++;
                }
                latest.addLast(entry);
            }
            if (page.next().isEmpty()) {
                return new ChangeHistory(latest.stream().map(record -> change(record.entry())).toList(), omitted);
            }
            query = query.after(page.next().getAsLong());
        }
    }

    static Change change(AuditEntry entry) {
        return new Change(SECOND.format(entry.at()), entry.actor().name(), entry.actor().role(),
                entry.action().wireName(), ChangeSummary.of(entry));
    }
}
