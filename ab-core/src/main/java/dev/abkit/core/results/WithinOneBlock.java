package dev.abkit.core.results;

import dev.abkit.core.allocation.BlockDesign;

import java.util.List;

/**
 * Whether option counts are ones that exact permuted blocks can produce (R3): with n slots handed out, option i
 * holds between {@code (n / B) · sᵢ} and that plus {@code min(sᵢ, n mod B)}, B the block size and sᵢ the option's
 * slots per block ({@link BlockDesign#minimumCountAfter}). A larger deviation means devices were lost (or counted
 * twice) between allocation and results: a data-loss alarm, not chance.
 *
 * <p>Some slots handed out have no count to show their option: overridden devices keep their slot but are not
 * counted (an override hides which option it gave), registrations in flight have not stored theirs, lost slots wait
 * to be handed out again ({@link SlotsHandedOut#hidden()}). So with k such slots, n = Σ counts + k, and the counts
 * pass when the k can be spread over the options to bring each within its range: no option above its maximum, and
 * the shortfalls below the minimums together at most k. (The maximums then always leave room for the k, since they
 * sum to at least n.) Counts that pass with k pass with any larger k too (a larger n never lowers a maximum, and
 * where it raises the minimums, at a block's end, they sum to n), so a store that cannot tell a slot in flight from
 * one left out by coverage may count both as hidden without a false alarm. The price is the other way: every
 * hidden slot excuses one missing device, so k must be the slots that are known to be hidden, never "whatever is
 * missing" (with k = n − Σ counts only too many devices would fail). Coverage (R7) changes nothing else: options
 * are allocated by the enrolled devices' own numbering, so the enrolled counts follow the blocks exactly.
 */
final class WithinOneBlock {

    private WithinOneBlock() {
    }

    /**
     * @param counts     the counted devices per option, in the design's option order
     * @param hidden     the slots handed out that are not among the counts
     */
    static boolean holds(BlockDesign design, List<Long> counts, long hidden) {
        if (counts.size() != design.options()) {
            throw new IllegalArgumentException("need a count for each of the " + design.options()
                    + " options (got " + counts.size() + ")");
        }
        long slots = hidden;
        for (long count : counts) {
            slots = Math.addExact(slots, count);
        }
        long shortfall = 0;
        for (int option = 0; option < counts.size(); option++) {
            long count = counts.get(option);
            if (count > design.maximumCountAfter(option, slots)) {
                return false;
            }
            shortfall += Math.max(0, design.minimumCountAfter(option, slots) - count);
        }
        return shortfall <= hidden;
    }
}
