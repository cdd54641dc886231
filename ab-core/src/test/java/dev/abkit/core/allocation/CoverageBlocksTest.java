package dev.abkit.core.allocation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CoverageBlocksTest {

    private static final long SEED = 7L;

    @ParameterizedTest(name = "{0} hundredths of a percent: blocks of {1} with {2} in")
    @CsvSource({"1000, 10, 1", "5000, 2, 1", "2500, 4, 1", "3333, 10000, 3333", "7550, 200, 151", "1, 10000, 1"})
    void every_block_enrols_exactly_the_covered_share(int hundredths, int blockSize, int inPerBlock) {
        CoverageBlocks coverage = new CoverageBlocks(SEED, new long[]{0}, new int[]{hundredths});

        for (int block = 0; block < 3; block++) {
            long first = (long) block * blockSize;
            long in = LongStream.range(first, first + blockSize).filter(slot -> coverage.enrolledIndexAt(slot) >= 0).count();
            assertThat(in).as("block %d", block).isEqualTo(inPerBlock);
        }
    }

    @Test
    void enrolled_slots_are_numbered_0_1_2_in_slot_order_without_gaps() {
        CoverageBlocks coverage = new CoverageBlocks(SEED, new long[]{0}, new int[]{1000});

        List<Long> numbers = new ArrayList<>();
        for (long slot = 0; slot < 1000; slot++) {
            long number = coverage.enrolledIndexAt(slot);
            if (number >= 0) {
                numbers.add(number);
            }
        }

        assertThat(numbers).containsExactlyElementsOf(LongStream.range(0, 100).boxed().toList());
    }

    @Test
    void the_position_of_the_enrolled_slot_differs_between_blocks_so_arrival_order_does_not_predict_it() {
        CoverageBlocks coverage = new CoverageBlocks(SEED, new long[]{0}, new int[]{1000});

        List<Long> positions = new ArrayList<>();
        for (long slot = 0; slot < 200; slot++) {
            if (coverage.enrolledIndexAt(slot) >= 0) {
                positions.add(slot % 10);
            }
        }

        assertThat(positions).hasSize(20);
        assertThat(positions.stream().distinct().count()).isGreaterThan(3);
    }

    @Test
    void full_coverage_enrols_every_slot_as_itself_as_before_coverage_existed() {
        CoverageBlocks coverage = new CoverageBlocks(SEED, new long[]{0}, new int[]{10_000});

        assertThat(LongStream.range(0, 50).map(coverage::enrolledIndexAt).toArray()).containsExactly(LongStream.range(0, 50).toArray());
    }

    @Test
    void a_later_step_starts_its_own_blocks_and_continues_the_enrolled_numbers() {
        // 10 % for slots 0-29 (three blocks of 10: numbers 0-2), then 50 % from slot 30 (blocks of 2).
        CoverageBlocks coverage = new CoverageBlocks(SEED, new long[]{0, 30}, new int[]{1000, 5000});
        CoverageBlocks before = new CoverageBlocks(SEED, new long[]{0}, new int[]{1000});

        for (long slot = 0; slot < 30; slot++) {
            assertThat(coverage.enrolledIndexAt(slot)).as("slot %d keeps what it had", slot)
                    .isEqualTo(before.enrolledIndexAt(slot));
        }
        List<Long> numbers = new ArrayList<>();
        for (long slot = 30; slot < 130; slot++) {
            long number = coverage.enrolledIndexAt(slot);
            if (number >= 0) {
                numbers.add(number);
            }
        }
        assertThat(numbers).containsExactlyElementsOf(LongStream.range(3, 53).boxed().toList());
    }

    @Test
    void a_step_must_start_at_a_block_boundary_of_the_step_before() {
        assertThatThrownBy(() -> new CoverageBlocks(SEED, new long[]{0, 25}, new int[]{1000, 5000}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("block boundary");
        assertThatThrownBy(() -> new CoverageBlocks(SEED, new long[]{5}, new int[]{1000}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CoverageBlocks(SEED, new long[]{0}, new int[]{0}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_same_seed_gives_the_same_slots_and_another_seed_others() {
        CoverageBlocks one = new CoverageBlocks(SEED, new long[]{0}, new int[]{1000});
        CoverageBlocks same = new CoverageBlocks(SEED, new long[]{0}, new int[]{1000});
        CoverageBlocks other = new CoverageBlocks(SEED + 1, new long[]{0}, new int[]{1000});

        long[] first = LongStream.range(0, 500).map(one::enrolledIndexAt).toArray();
        assertThat(LongStream.range(0, 500).map(same::enrolledIndexAt).toArray()).containsExactly(first);
        assertThat(LongStream.range(0, 500).map(other::enrolledIndexAt).toArray()).isNotEqualTo(first);
    }
}
