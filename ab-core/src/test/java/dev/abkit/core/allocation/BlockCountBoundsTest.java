package dev.abkit.core.allocation;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlockCountBoundsTest {

    @Test
    void the_price_design_after_twenty_five_slots_holds_a_whole_block_plus_up_to_five_of_the_next() {
        BlockDesign price = BlockDesign.of(7500, 1000, 500, 1000);

        assertThat(price.minimumCountAfter(0, 25)).isEqualTo(15);
        assertThat(price.maximumCountAfter(0, 25)).isEqualTo(20);
        assertThat(price.minimumCountAfter(2, 25)).isEqualTo(1);
        assertThat(price.maximumCountAfter(2, 25)).isEqualTo(2);
        assertThat(price.minimumCountAfter(1, 40)).isEqualTo(4);
        assertThat(price.maximumCountAfter(1, 40)).isEqualTo(4);
        assertThatThrownBy(() -> price.minimumCountAfter(0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Every prefix of the real allocation, for several designs and seeds over three blocks, lies within the bounds. */
    @Test
    void every_prefix_of_the_real_allocation_lies_within_the_bounds() {
        List<BlockDesign> designs = List.of(BlockDesign.of(3330, 3330, 3330), BlockDesign.of(7500, 1000, 500, 1000),
                BlockDesign.of(5000, 5000), BlockDesign.of(100, 200, 300));
        for (BlockDesign design : designs) {
            for (long seed = 0; seed < 20; seed++) {
                PermutedBlocks blocks = new PermutedBlocks(design, seed);
                long[] counts = new long[design.options()];
                for (long slots = 0; slots <= 3L * design.blockSize(); slots++) {
                    for (int option = 0; option < design.options(); option++) {
                        assertThat(counts[option]).as("%s seed %d option %d after %d", design, seed, option, slots)
                                .isBetween(design.minimumCountAfter(option, slots),
                                        design.maximumCountAfter(option, slots));
                    }
                    if (slots < 3L * design.blockSize()) {
                        counts[blocks.optionAt(slots)]++;
                    }
                }
            }
        }
    }

    /**
     * The bounds are exact: for a block of 2/1/1, the count vectors that some ordering of the block reaches after
     * r of its slots are exactly the vectors within the bounds that sum to r.
     */
    @Test
    void the_counts_within_the_bounds_are_exactly_those_some_ordering_reaches() {
        BlockDesign design = BlockDesign.of(200, 100, 100);
        int[] block = design.orderedBlock();
        Set<List<Long>> reached = new HashSet<>();
        permutations(block, 0, reached);
        for (long blocksBefore = 0; blocksBefore <= 2; blocksBefore++) {
            for (int r = 0; r <= block.length; r++) {
                long slots = blocksBefore * block.length + r;
                for (long a = 0; a <= slots; a++) {
                    for (long b = 0; a + b <= slots; b++) {
                        long c = slots - a - b;
                        List<Long> counts = List.of(a, b, c);
                        boolean within = within(design, counts, slots);
                        List<Long> inBlock = List.of(a - blocksBefore * 2, b - blocksBefore, c - blocksBefore, (long) r);
                        assertThat(within).as("%s after %d", counts, slots).isEqualTo(reached.contains(inBlock));
                    }
                }
            }
        }
    }

    private static boolean within(BlockDesign design, List<Long> counts, long slots) {
        for (int option = 0; option < counts.size(); option++) {
            if (counts.get(option) < design.minimumCountAfter(option, slots)
                    || counts.get(option) > design.maximumCountAfter(option, slots)) {
                return false;
            }
        }
        return true;
    }

    /** Collects, for every ordering of the block and every prefix length r, the counts per option and r. */
    private static void permutations(int[] block, int fixed, Set<List<Long>> reached) {
        if (fixed == block.length) {
            long[] counts = new long[3];
            reached.add(List.of(0L, 0L, 0L, 0L));
            for (int r = 1; r <= block.length; r++) {
                counts[block[r - 1]]++;
                reached.add(List.of(counts[0], counts[1], counts[2], (long) r));
            }
            return;
        }
        for (int i = fixed; i < block.length; i++) {
            swap(block, fixed, i);
            permutations(block, fixed + 1, reached);
            swap(block, fixed, i);
        }
    }

    private static void swap(int[] block, int i, int j) {
        int kept = block[i];
        block[i] = block[j];
        block[j] = kept;
    }
}
