package dev.abkit.core.allocation;

import java.util.SplittableRandom;

/**
 * Permuted-block randomisation, the allocation of clinical trials. Slot n (0-based) lies in block
 * {@code n / blockSize} at position {@code n % blockSize}; each block holds every option exactly
 * as often as the {@link BlockDesign} says, in an order shuffled per experiment and block.
 *
 * <p>The algorithm is part of the contract, because changing it would reshuffle devices that are
 * not yet registered against those that are, and across server versions the same experiment
 * must allocate identically:
 * <ol>
 *   <li>block seed = {@code new SplittableRandom(experimentSeed + blockIndex * 0x9E3779B97F4A7C15L).nextLong()};</li>
 *   <li>start from the ordered block (option 0's slots, then option 1's, ...);</li>
 *   <li>Fisher-Yates from the last position down: for i = size-1 .. 1, swap i with
 *       {@code random.nextInt(i + 1)}, where random is {@code new SplittableRandom(blockSeed)}.</li>
 * </ol>
 * {@code SplittableRandom}'s output for a given seed is specified by the JDK, so the result is
 * the same on every JVM.
 */
public final class PermutedBlocks {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final BlockDesign design;
    private final long seed;
    /** The most recently shuffled block; registrations walk blocks in order, so it is nearly always hit. */
    private volatile ShuffledBlock last;

    public PermutedBlocks(BlockDesign design, long seed) {
        this.design = design;
        this.seed = seed;
    }

    public BlockDesign design() {
        return design;
    }

    /** The index of the option that slot {@code slot} (0-based) receives. */
    public int optionAt(long slot) {
        if (slot < 0) {
            throw new IllegalArgumentException("slot must be 0 or more (got " + slot + ")");
        }
        long blockIndex = slot / design.blockSize();
        int position = (int) (slot % design.blockSize());
        return block(blockIndex).options[position];
    }

    /**
     * How many positions before slot {@code slot}'s in its block hold the same option: the slot's rank
     * among its option's slots of that block (0 for the first).
     */
    public int rankAt(long slot) {
        if (slot < 0) {
            throw new IllegalArgumentException("slot must be 0 or more (got " + slot + ")");
        }
        return block(slot / design.blockSize()).ranks()[(int) (slot % design.blockSize())];
    }

    private ShuffledBlock block(long blockIndex) {
        ShuffledBlock cached = last;
        if (cached != null && cached.index == blockIndex) {
            return cached;
        }
        ShuffledBlock shuffled = new ShuffledBlock(blockIndex, shuffle(blockIndex));
        last = shuffled;
        return shuffled;
    }

    private int[] shuffle(long blockIndex) {
        long blockSeed = new SplittableRandom(seed + blockIndex * GOLDEN_GAMMA).nextLong();
        SplittableRandom random = new SplittableRandom(blockSeed);
        int[] block = design.orderedBlock();
        for (int i = block.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swapped = block[i];
            block[i] = block[j];
            block[j] = swapped;
        }
        return block;
    }

    private record ShuffledBlock(long index, int[] options, int[] ranks) {

        ShuffledBlock(long index, int[] options) {
            this(index, options, ranksOf(options));
        }

        private static int[] ranksOf(int[] options) {
            int[] seen = new int[options.length];
            int[] ranks = new int[options.length];
            for (int position = 0; position < options.length; position++) {
                ranks[position] = seen[options[position]]++;
            }
            return ranks;
        }
    }
}
