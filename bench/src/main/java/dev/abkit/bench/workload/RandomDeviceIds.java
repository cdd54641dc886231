package dev.abkit.bench.workload;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Device ids as a mobile app makes them: random (version 4) UUID strings. Drawn from a fixed seed,
 * so every run, and abkit and Proctor within a run, see the same ids.
 */
public final class RandomDeviceIds {

    /** How many ids the embedded bar cycles through (SPEC 6); a power of two, so a mask cycles them. */
    public static final int COUNT = 1 << 16;
    public static final long SEED = 0x5EED_1D5L;

    private final SplittableRandom random;

    public RandomDeviceIds(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The next id of this sequence; two sequences of the same seed give equal ids. */
    public String next() {
        long mostSignificant = (random.nextLong() & ~0xF000L) | 0x4000L;
        long leastSignificant = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(mostSignificant, leastSignificant).toString();
    }

    /** The first {@code count} ids of the sequence of {@code seed}. */
    public static String[] first(int count, long seed) {
        RandomDeviceIds ids = new RandomDeviceIds(seed);
        String[] result = new String[count];
        for (int i = 0; i < count; i++) {
            result[i] = ids.next();
        }
        return result;
    }

    /**
     * The indexes 0..count-1 in a seeded random order. Registering in another order than the one the
     * benchmark cycles in keeps the store's objects from lying in memory in the order they are read.
     */
    public static List<Integer> shuffledIndexes(int count, long seed) {
        List<Integer> order = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        return order;
    }
}
