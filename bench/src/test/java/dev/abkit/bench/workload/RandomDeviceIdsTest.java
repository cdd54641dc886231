package dev.abkit.bench.workload;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class RandomDeviceIdsTest {

    @Test
    void the_same_seed_gives_the_same_ids_so_both_libraries_and_every_run_see_them() {
        assertThat(RandomDeviceIds.first(1_000, 7)).containsExactly(RandomDeviceIds.first(1_000, 7));
        assertThat(RandomDeviceIds.first(1_000, 7)).doesNotContainAnyElementsOf(Arrays.asList(RandomDeviceIds.first(1_000, 8)));
    }

    @Test
    void ids_are_distinct_random_uuids_as_an_app_makes_them() {
        String[] ids = RandomDeviceIds.first(RandomDeviceIds.COUNT, RandomDeviceIds.SEED);

        assertThat(ids).doesNotHaveDuplicates();
        assertThat(ids).allSatisfy(id -> {
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.toString()).isEqualTo(id);
        });
    }

    @Test
    void the_registration_order_is_a_permutation_other_than_the_cycle_order() {
        assertThat(RandomDeviceIds.shuffledIndexes(1_000, 7))
                .containsExactlyInAnyOrderElementsOf(RandomDeviceIds.shuffledIndexes(1_000, 8))
                .isNotEqualTo(RandomDeviceIds.shuffledIndexes(1_000, 8))
                .isNotEqualTo(IntStream.range(0, 1_000).boxed().toList());
    }
}
