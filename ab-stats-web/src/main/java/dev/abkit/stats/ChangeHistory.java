package dev.abkit.stats;

import dev.abkit.core.audit.AuditEntry;
import dev.abkit.core.audit.AuditPage;
import dev.abkit.core.audit.AuditQuery;
import dev.abkit.core.audit.AuditRecord;
import dev.abkit.core.audit.Snapshot;
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
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * What the results page shows of an experiment's audit trail: when, who, what, and a line saying what changed.
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
                entry.action().wireName(), summary(entry));
    }

    /**
     * A line a person reads: what a creation made, which device an override names, else the members that differ
     * between before and after, a plain value as "old → new", a list or object only by name.
     */
    static String summary(AuditEntry entry) {
        Map<String, Object> before = entry.before().map(Snapshot::members).orElse(Map.of());
        Map<String, Object> after = entry.after().map(Snapshot::members).orElse(Map.of());
        return switch (entry.action()) {
            case EXPERIMENT_CREATED -> "created as " + after.get("status");
            case OVERRIDE_SET -> "device " + after.get("deviceToken") + " gets " + after.get("value")
                    + (before.isEmpty() ? "" : " instead of " + before.get("value"));
            case OVERRIDE_REMOVED -> "device " + before.get("deviceToken") + " back to its own assignment";
            default -> differences(before, after);
        };
    }

    private static String differences(Map<String, Object> before, Map<String, Object> after) {
        StringJoiner changed = new StringJoiner("; ");
        after.forEach((member, value) -> {
            Object old = before.get(member);
            if (Objects.equals(old, value)) {
                return;
            }
            boolean plain = !(old instanceof Map || old instanceof List || value instanceof Map || value instanceof List);
            changed.add(plain ? member + " " + text(old) + " → " + text(value) : member + " changed");
        });
        return changed.length() == 0 ? "nothing changed" : changed.toString();
    }

    private static String text(Object value) {
        return value == null ? "none" : value.toString();
    }
}
