package dev.abkit.core.results;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the exactness half of the sample-ratio check (R3) reads: an experiment's whole allocation so far, whatever
 * window its results are of. {@code slots}: the slots handed out to the devices it enrols, numbered from 0 without a
 * gap (stored, in flight, or lost and waiting to be handed out again); {@code counted}: per option value, the stored
 * devices that count, not overridden. The rest, {@link #hidden()}, are slots whose option the counts cannot show:
 * overridden devices (R9), registrations in flight, lost slots (decision 5).
 *
 * <p>Why the whole allocation, not a window's devices: a window counts the devices first seen before its end, and
 * their slots need not be the first ones. Two registrations in flight at that instant may take their slots in one
 * order and their first-seen times in the other, and a lost slot goes to a later device; so a window's counts can
 * stray further than one block with nothing lost, and the alarm would cry wolf.
 */
public record SlotsHandedOut(Map<String, Long> counted, long slots) {

    public SlotsHandedOut {
        Objects.requireNonNull(counted, "counted");
        Map<String, Long> copy = new LinkedHashMap<>();
        long total = 0;
        for (Map.Entry<String, Long> entry : counted.entrySet()) {
            Objects.requireNonNull(entry.getKey(), "counted option value");
            if (entry.getValue() == null || entry.getValue() < 0) {
                throw new IllegalArgumentException("counted devices of option \"" + entry.getKey()
                        + "\" must not be negative (got " + entry.getValue() + ")");
            }
            copy.put(entry.getKey(), entry.getValue());
            total = Math.addExact(total, entry.getValue());
        }
        if (slots < total) {
            throw new IllegalArgumentException("slots handed out (" + slots + ") must be at least the devices counted in"
                    + " them (" + total + ")");
        }
        counted = Collections.unmodifiableMap(copy);
    }

    /** Every slot handed out is a stored device that counts: no override, nothing in flight, nothing lost. */
    public static SlotsHandedOut exactly(Map<String, Long> counted) {
        return new SlotsHandedOut(counted, counted.values().stream().mapToLong(Long::longValue).sum());
    }

    /** The slots whose option the counts do not show. */
    public long hidden() {
        return slots - counted.values().stream().mapToLong(Long::longValue).sum();
    }
}
