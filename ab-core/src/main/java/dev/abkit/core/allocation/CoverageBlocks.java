package dev.abkit.core.allocation;

import java.util.SplittableRandom;

/**
 * Which slots of an experiment enrol their device and which leave it out (R7), by permuted blocks as
 * for options: with coverage c (in hundredths of a percent) a block holds c and 10,000 − c slots divided
 * by their gcd (10 % gives blocks of 1 in and 9 out), shuffled per experiment, step and block. The
 * enrolled slots are numbered 0, 1, 2, ... in slot order ({@link #enrolledIndexAt}), and that number,
 * not the slot, picks the option, so options stay exact among the enrolled whatever the coverage.
 *
 * <p>Coverage may change while an experiment runs: each change is a step from a block boundary of the
 * step before on, whose blocks count from its first slot and whose enrolled numbers continue those of
 * the step before. With one step of 100 % the enrolled number is the slot itself, as before coverage.
 *
 * <p>Part of the contract like {@link PermutedBlocks}: step j's blocks are {@code PermutedBlocks} of the
 * design (c, 10,000 − c), in first, with seed {@code new SplittableRandom(seed + (j + 1) * 0xBF58476D1CE4E5B9L).nextLong()}.
 */
public final class CoverageBlocks {

    private static final long STEP_GAMMA = 0xBF58476D1CE4E5B9L;
    private static final int IN = 0;

    private final long[] fromSlots;
    /** Per step: the blocks, or null when the step enrols every slot. */
    private final PermutedBlocks[] blocks;
    /** Per step: the enrolled number of its first enrolled slot. */
    private final long[] firstEnrolled;

    /**
     * @param seed       the experiment's seed
     * @param fromSlots  where each step starts: 0 first, then each at a block boundary of the one before
     * @param hundredths each step's coverage in hundredths of a percent, 1 to 10,000
     */
    public CoverageBlocks(long seed, long[] fromSlots, int[] hundredths) {
        if (fromSlots.length == 0 || fromSlots.length != hundredths.length || fromSlots[0] != 0) {
            throw new IllegalArgumentException("coverage needs one step from slot 0 on, and one coverage per step");
        }
        this.fromSlots = fromSlots.clone();
        this.blocks = new PermutedBlocks[fromSlots.length];
        this.firstEnrolled = new long[fromSlots.length];
        for (int step = 0; step < fromSlots.length; step++) {
            int in = hundredths[step];
            if (in < 1 || in > 10_000) {
                throw new IllegalArgumentException("coverage is 1 to 10,000 hundredths of a percent (got " + in + ")");
            }
            blocks[step] = in == 10_000 ? null : new PermutedBlocks(BlockDesign.of(in, 10_000 - in), stepSeed(seed, step));
            if (step > 0) {
                long length = fromSlots[step] - fromSlots[step - 1];
                int blockSize = blockSize(step - 1);
                if (length <= 0 || length % blockSize != 0) {
                    throw new IllegalArgumentException("coverage step " + step + " does not start at a block boundary");
                }
                firstEnrolled[step] = firstEnrolled[step - 1] + length / blockSize * enrolledPerBlock(step - 1);
            }
        }
    }

    private static long stepSeed(long seed, int step) {
        return new SplittableRandom(seed + (step + 1) * STEP_GAMMA).nextLong();
    }

    /**
     * The enrolled number of the device at {@code slot}: 0 for the first enrolled, 1 for the next, ...;
     * -1 if that slot leaves its device out.
     */
    public long enrolledIndexAt(long slot) {
        if (slot < 0) {
            throw new IllegalArgumentException("slot must be 0 or more (got " + slot + ")");
        }
        int step = stepOf(slot);
        long local = slot - fromSlots[step];
        PermutedBlocks coverage = blocks[step];
        if (coverage == null) {
            return firstEnrolled[step] + local;
        }
        if (coverage.optionAt(local) != IN) {
            return -1;
        }
        long fullBlocks = local / coverage.design().blockSize();
        return firstEnrolled[step] + fullBlocks * coverage.design().slotsOf(IN) + coverage.rankAt(local);
    }

    private int stepOf(long slot) {
        int step = fromSlots.length - 1;
        while (fromSlots[step] > slot) {
            step--;
        }
        return step;
    }

    private int blockSize(int step) {
        return blocks[step] == null ? 1 : blocks[step].design().blockSize();
    }

    private int enrolledPerBlock(int step) {
        return blocks[step] == null ? 1 : blocks[step].design().slotsOf(IN);
    }
}
