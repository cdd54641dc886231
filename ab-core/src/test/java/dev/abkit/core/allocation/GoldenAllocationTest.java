package dev.abkit.core.allocation;

import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ShippedExperiments;
import org.junit.jupiter.api.Test;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the exact allocation of the shipped experiments. If this test fails, the allocation algorithm
 * changed: every install would give devices not yet registered different options than before, and
 * two server versions sharing one database would disagree. Do not update the expected strings unless
 * that is what you want; then it is a new algorithm with a new name, and a migration note.
 */
class GoldenAllocationTest {

    /** Option index per slot, 0..59, for button_color (seed 0x5EED0001). */
    private static final String BUTTON_COLOR_FIRST_60 =
            "201102021201120210201102210102012021120102012210102120021210";
    /** Option index per slot, 0..59, for price (seed 0x5EED0002). */
    private static final String PRICE_FIRST_60 =
            "001010000300000032000001030003200001000012000000033000001000";

    @Test
    void the_first_slots_of_the_shipped_experiments_never_change() {
        assertThat(indices(ShippedExperiments.BUTTON_COLOR, 60)).isEqualTo(BUTTON_COLOR_FIRST_60);
        assertThat(indices(ShippedExperiments.PRICE, 60)).isEqualTo(PRICE_FIRST_60);
    }

    @Test
    void a_million_slots_split_exactly() {
        assertThat(counts(ShippedExperiments.BUTTON_COLOR, 999_999)).isEqualTo("333333/333333/333333");
        assertThat(counts(ShippedExperiments.PRICE, 1_000_000)).isEqualTo("750000/100000/50000/100000");
    }

    private static String indices(Experiment experiment, int slots) {
        return IntStream.range(0, slots)
                .mapToObj(slot -> String.valueOf(experiment.options().indexOf(experiment.optionAtSlot(slot).orElseThrow())))
                .collect(Collectors.joining());
    }

    private static String counts(Experiment experiment, int slots) {
        long[] counts = new long[experiment.options().size()];
        for (int slot = 0; slot < slots; slot++) {
            counts[experiment.options().indexOf(experiment.optionAtSlot(slot).orElseThrow())]++;
        }
        return java.util.Arrays.stream(counts).mapToObj(Long::toString).collect(Collectors.joining("/"));
    }
}
