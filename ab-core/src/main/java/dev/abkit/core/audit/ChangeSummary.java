package dev.abkit.core.audit;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * What an audit entry changed, in one line a person reads: what a creation made, which device an override names,
 * else the members that differ between before and after, a plain value as "old → new", a list or object only by
 * name. Worded here once, for every adapter that shows the trail to people (the statistics' results view, the
 * console's history page).
 */
public final class ChangeSummary {

    private ChangeSummary() {
    }

    public static String of(AuditEntry entry) {
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
