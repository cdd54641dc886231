package dev.abkit.core.results;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the sample-ratio check reads: per option value, the devices {@code assigned} to it by their slot and not
 * overridden (with or without exposure, before the window's end), which the weights are compared with; the
 * experiment's {@code slots} handed out so far, which exactness is judged on; and, where exposures are used, the
 * {@code exposed} devices among the assigned ones.
 */
public record AssignmentCounts(Map<String, Long> assigned, SlotsHandedOut slots, Optional<Map<String, Long>> exposed) {

    public AssignmentCounts {
        assigned = checkedCounts(assigned, "assigned");
        Objects.requireNonNull(slots, "slots");
        Objects.requireNonNull(exposed, "exposed");
        if (exposed.isPresent()) {
            Map<String, Long> exposedCounts = checkedCounts(exposed.get(), "exposed");
            if (!exposedCounts.keySet().equals(assigned.keySet())) {
                throw new IllegalArgumentException("exposed devices need the same options as assigned ones (got "
                        + exposedCounts.keySet() + " and " + assigned.keySet() + ")");
            }
            for (Map.Entry<String, Long> entry : exposedCounts.entrySet()) {
                long assignedToIt = assigned.get(entry.getKey());
                if (entry.getValue() > assignedToIt) {
                    throw new IllegalArgumentException("option \"" + entry.getKey() + "\" has more exposed devices ("
                            + entry.getValue() + ") than assigned ones (" + assignedToIt + ")");
                }
            }
            exposed = Optional.of(exposedCounts);
        }
    }

    /** The whole life of an allocation without overrides, registrations in flight or exposures. */
    public static AssignmentCounts of(Map<String, Long> assigned) {
        return new AssignmentCounts(assigned, SlotsHandedOut.exactly(assigned), Optional.empty());
    }

    private static Map<String, Long> checkedCounts(Map<String, Long> counts, String what) {
        Objects.requireNonNull(counts, what);
        Map<String, Long> copy = new LinkedHashMap<>();
        counts.forEach((value, count) -> {
            Objects.requireNonNull(value, what + " option value");
            if (count == null || count < 0) {
                throw new IllegalArgumentException(what + " devices of option \"" + value
                        + "\" must not be negative (got " + count + ")");
            }
            copy.put(value, count);
        });
        return Collections.unmodifiableMap(copy);
    }
}
