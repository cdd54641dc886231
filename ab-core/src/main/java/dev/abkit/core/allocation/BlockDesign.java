package dev.abkit.core.allocation;

import java.util.Arrays;

/**
 * How many slots of one block each option gets: the weights in hundredths divided by their
 * greatest common divisor. 33.3/33.3/33.3 give 1/1/1 (a block of 3); 75/10/5/10 give 15/2/1/2
 * (a block of 20). After every whole block the option counts match the weights exactly.
 */
public final class BlockDesign {

    /** The largest block we accept; larger blocks would make exactness arrive too late to matter. */
    public static final int MAX_BLOCK_SIZE = 10_000;

    private final int[] slotsPerOption;
    private final int blockSize;

    private BlockDesign(int[] slotsPerOption, int blockSize) {
        this.slotsPerOption = slotsPerOption;
        this.blockSize = blockSize;
    }

    /** @param hundredths each option's weight in hundredths (33.3 is 3330), all positive */
    public static BlockDesign of(long... hundredths) {
        if (hundredths == null || hundredths.length == 0) {
            throw new IllegalArgumentException("a block needs at least one weight");
        }
        long gcd = 0;
        for (long weight : hundredths) {
            if (weight <= 0) {
                throw new IllegalArgumentException("weights must be positive (got " + weight + " hundredths)");
            }
            gcd = gcd(gcd, weight);
        }
        int[] slots = new int[hundredths.length];
        long size = 0;
        for (int i = 0; i < slots.length; i++) {
            long share = hundredths[i] / gcd;
            size += share;
            if (size > MAX_BLOCK_SIZE) {
                break;
            }
            slots[i] = (int) share;
        }
        if (size > MAX_BLOCK_SIZE) {
            throw new IllegalArgumentException("weights " + asDecimals(hundredths)
                    + " need a block of more than " + MAX_BLOCK_SIZE
                    + " devices before the split is exact; use simpler ratios, such as 33.3/33.3/33.3 for"
                    + " equal thirds");
        }
        return new BlockDesign(slots, (int) size);
    }

    private static String asDecimals(long[] hundredths) {
        return Arrays.stream(hundredths)
                .mapToObj(h -> java.math.BigDecimal.valueOf(h, 2).stripTrailingZeros().toPlainString())
                .collect(java.util.stream.Collectors.joining("/"));
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long rest = a % b;
            a = b;
            b = rest;
        }
        return a;
    }

    public int blockSize() {
        return blockSize;
    }

    public int options() {
        return slotsPerOption.length;
    }

    public int slotsOf(int option) {
        return slotsPerOption[option];
    }

    /**
     * The fewest devices option {@code option} can hold after {@code slots} slots: its share of the whole
     * blocks, {@code (slots / blockSize) · slotsOf(option)}, because every whole block holds exactly that many.
     */
    public long minimumCountAfter(int option, long slots) {
        checkSlots(slots);
        return slots / blockSize * slotsPerOption[option];
    }

    /**
     * The most devices option {@code option} can hold after {@code slots} slots: the minimum plus all its slots
     * of the block in progress, which some permutation puts first. Together with {@link #minimumCountAfter} this
     * is exact, not only a bound: counts that sum to {@code slots} and each lie between the two are the counts of
     * some permutation's prefix, since any choice of the block's slots can come first.
     */
    public long maximumCountAfter(int option, long slots) {
        checkSlots(slots);
        return minimumCountAfter(option, slots) + Math.min(slotsPerOption[option], slots % blockSize);
    }

    private static void checkSlots(long slots) {
        if (slots < 0) {
            throw new IllegalArgumentException("slots must be 0 or more (got " + slots + ")");
        }
    }

    /** The unshuffled block: option 0 repeated for its slots, then option 1, and so on. */
    int[] orderedBlock() {
        int[] block = new int[blockSize];
        int at = 0;
        for (int option = 0; option < slotsPerOption.length; option++) {
            Arrays.fill(block, at, at + slotsPerOption[option], option);
            at += slotsPerOption[option];
        }
        return block;
    }

    @Override
    public String toString() {
        return "BlockDesign" + Arrays.toString(slotsPerOption);
    }
}
