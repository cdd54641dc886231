package dev.abkit.core.allocation;

import dev.abkit.core.model.Weight;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PermutedBlocksTest {

    private static long[] weights(String... values) {
        return java.util.Arrays.stream(values).mapToLong(value -> Weight.of(value).hundredths()).toArray();
    }

    private static long[] countsAfter(PermutedBlocks blocks, long slots) {
        long[] counts = new long[blocks.design().options()];
        for (long slot = 0; slot < slots; slot++) {
            counts[blocks.optionAt(slot)]++;
        }
        return counts;
    }

    @Test
    void block_sizes_are_the_weights_in_hundredths_divided_by_their_gcd() {
        assertThat(BlockDesign.of(weights("33.3", "33.3", "33.3")).blockSize()).isEqualTo(3);
        BlockDesign price = BlockDesign.of(weights("75", "10", "5", "10"));
        assertThat(price.blockSize()).isEqualTo(20);
        assertThat(IntStream.range(0, 4).map(price::slotsOf)).containsExactly(15, 2, 1, 2);
        assertThat(BlockDesign.of(weights("0.5", "0.25")).blockSize()).isEqualTo(3);
        assertThat(BlockDesign.of(weights("7")).blockSize()).isEqualTo(1);
    }

    @Test
    void six_hundred_slots_split_exactly_by_the_weights() {
        assertThat(countsAfter(new PermutedBlocks(BlockDesign.of(weights("33.3", "33.3", "33.3")), 42), 600))
                .containsExactly(200, 200, 200);
        assertThat(countsAfter(new PermutedBlocks(BlockDesign.of(weights("75", "10", "5", "10")), 42), 600))
                .containsExactly(450, 60, 30, 60);
    }

    /**
     * Property: for random weight sets and seeds, counts are exact at every block boundary and never
     * further from the exact share than one block in between.
     */
    @RepeatedTest(200)
    void counts_are_exact_at_every_block_boundary_and_never_a_block_off_in_between(
            org.junit.jupiter.api.RepetitionInfo repetition) {
        SplittableRandom random = new SplittableRandom(repetition.getCurrentRepetition());
        int options = 1 + random.nextInt(6);
        long[] weights = new long[options];
        for (int i = 0; i < options; i++) {
            weights[i] = 1 + random.nextInt(2_000);
        }
        BlockDesign design;
        try {
            design = BlockDesign.of(weights);
        } catch (IllegalArgumentException tooLarge) {
            for (int i = 0; i < options; i++) {
                weights[i] = 100L * (1 + random.nextInt(9));
            }
            design = BlockDesign.of(weights);
        }
        PermutedBlocks blocks = new PermutedBlocks(design, random.nextLong());
        int size = design.blockSize();
        long[] counts = new long[options];
        long slots = (long) size * 5 + random.nextInt(size);
        for (long slot = 0; slot < slots; slot++) {
            counts[blocks.optionAt(slot)]++;
            long done = slot + 1;
            for (int option = 0; option < options; option++) {
                long exactAtLastBoundary = (done / size) * design.slotsOf(option);
                assertThat(counts[option] - exactAtLastBoundary)
                        .as("option %d after %d slots of %s", option, done, design)
                        .isBetween(0L, (long) design.slotsOf(option));
                if (done % size == 0) {
                    assertThat(counts[option]).isEqualTo(exactAtLastBoundary);
                }
            }
        }
    }

    @Test
    void the_order_inside_blocks_varies_between_blocks() {
        PermutedBlocks blocks = new PermutedBlocks(BlockDesign.of(weights("75", "10", "5", "10")), 42);
        Set<List<Integer>> orders = new HashSet<>();
        for (int block = 0; block < 50; block++) {
            orders.add(blockOrder(blocks, block, 20));
        }
        assertThat(orders).as("50 blocks of 20 slots in distinct orders").hasSizeGreaterThan(45);
    }

    @Test
    void the_order_varies_between_experiments_with_different_seeds() {
        BlockDesign design = BlockDesign.of(weights("75", "10", "5", "10"));
        Set<List<Integer>> firstBlocks = new HashSet<>();
        for (long seed = 0; seed < 50; seed++) {
            firstBlocks.add(blockOrder(new PermutedBlocks(design, seed), 0, 20));
        }
        assertThat(firstBlocks).hasSizeGreaterThan(45);
    }

    @Test
    void every_position_of_a_block_gets_every_option_over_many_blocks() {
        PermutedBlocks blocks = new PermutedBlocks(BlockDesign.of(weights("1", "1", "1")), 9);
        int[][] seen = new int[3][3];
        for (long slot = 0; slot < 3_000; slot++) {
            seen[(int) (slot % 3)][blocks.optionAt(slot)]++;
        }
        for (int[] position : seen) {
            for (int count : position) {
                assertThat(count).as("arrival order must not predict the option").isBetween(250, 420);
            }
        }
    }

    @Test
    void the_same_slot_gives_the_same_option_whatever_the_order_of_questions() {
        BlockDesign design = BlockDesign.of(weights("75", "10", "5", "10"));
        PermutedBlocks forward = new PermutedBlocks(design, 5);
        PermutedBlocks jumping = new PermutedBlocks(design, 5);
        List<Integer> inOrder = IntStream.range(0, 200).map(forward::optionAt).boxed().toList();
        for (int slot = 199; slot >= 0; slot -= 7) {
            assertThat(jumping.optionAt(slot)).isEqualTo(inOrder.get(slot));
        }
    }

    @Test
    void blocks_above_the_cap_and_negative_slots_are_refused() {
        assertThatThrownBy(() -> BlockDesign.of(weights("99.99", "0.01", "0.02")))
                .hasMessageStartingWith("weights 99.99/0.01/0.02 need a block of more than 10000");
        assertThat(BlockDesign.of(weights("99.99", "0.01")).blockSize()).isEqualTo(10_000);
        assertThatThrownBy(() -> BlockDesign.of()).hasMessageContaining("at least one weight");
        assertThatThrownBy(() -> BlockDesign.of(100, 0)).hasMessageContaining("weights must be positive");
        PermutedBlocks blocks = new PermutedBlocks(BlockDesign.of(weights("1")), 1);
        assertThatThrownBy(() -> blocks.optionAt(-1)).hasMessageContaining("slot must be 0 or more");
    }

    private static List<Integer> blockOrder(PermutedBlocks blocks, int block, int size) {
        return IntStream.range(block * size, (block + 1) * size).map(blocks::optionAt).boxed().toList();
    }
}
