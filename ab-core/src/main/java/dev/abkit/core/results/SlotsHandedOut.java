package dev.abkit.core.results;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the exactness half of the sample-ratio check (R3) reads: an experiment's whole allocation so far, whatever
 * window its results are of. {@code counted}: per option value, the stored devices that count (not overridden);
 * {@code hidden}: the slots handed out whose option no count can show, and only those: overridden devices (R9),
 * registrations in flight, lost slots waiting to be handed out again (decision 5); {@code unaccounted}: the slots
 * handed out that are none of stored, waiting or possibly in flight, by the store's own reckoning. The counts alone
 * cannot show a loss that leaves them a valid allocation of fewer slots (one device lost from each option); the
 * reckoning does: positive, devices or counts were lost; negative, counted twice. 0 where the store cannot lose
 * (in memory).
 *
 * <p>Why the whole allocation, not a window's devices: a window counts the devices first seen before its end, and
 * their slots need not be the first ones. Two registrations in flight at that instant may take their slots in one
 * order and their first-seen times in the other, and a lost slot goes to a later device; so a window's counts can
 * stray further than one block with nothing lost, and the alarm would cry wolf.
 */
public record SlotsHandedOut(Map<String, Long> counted, long hidden, long unaccounted) {

    public SlotsHandedOut {
        Objects.requireNonNull(counted, "counted");
        Map<String, Long> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Long> entry : counted.entrySet()) {
            Objects.requireNonNull(entry.getKey(), "counted option value");
            if (entry.getValue() == null || entry.getValue() < 0) {
                throw new IllegalArgumentException("counted devices of option \"" + entry.getKey()
                        + "\" must not be negative (got " + entry.getValue() + ")");
            }
            copy.put(entry.getKey(), entry.getValue());
        }
        if (hidden < 0) {
            throw new IllegalArgumentException("hidden slots must not be negative (got " + hidden + ")");
        }
        counted = Collections.unmodifiableMap(copy);
    }

    /** Every slot handed out is a stored device that counts: no override, nothing in flight, nothing lost. */
    public static SlotsHandedOut exactly(Map<String, Long> counted) {
        return new SlotsHandedOut(counted, 0, 0);
    }

    /** The allocation as the counts show it, with {@code hidden} slots allowed for and every slot accounted for. */
    public static SlotsHandedOut hiding(Map<String, Long> counted, long hidden) {
        return new SlotsHandedOut(counted, hidden, 0);
    }
}
