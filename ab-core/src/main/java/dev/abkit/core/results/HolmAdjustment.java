package dev.abkit.core.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Holm's step-down adjustment (S. Holm, "A simple sequentially rejective multiple test procedure", Scandinavian
 * Journal of Statistics 6:65-70, 1979), as R's {@code p.adjust(method = "holm")}: with the m p-values sorted
 * ascending, the i-th (from 1) becomes max over j ≤ i of min(1, (m - j + 1) p₍ⱼ₎).
 */
public final class HolmAdjustment {

    private HolmAdjustment() {
    }

    /** The adjusted p-values in the order of the input; each is at least its raw value and at most 1. */
    public static List<Double> adjust(List<Double> pValues) {
        int m = pValues.size();
        for (Double p : pValues) {
            if (p == null || !(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("p-values must be between 0 and 1 (got " + p + ")");
            }
        }
        List<Integer> ascending = IntStream.range(0, m).boxed()
                .sorted(Comparator.comparingDouble(pValues::get))
                .toList();
        List<Double> adjusted = new ArrayList<>(pValues);
        double runningMaximum = 0;
        for (int rank = 0; rank < m; rank++) {
            int index = ascending.get(rank);
            runningMaximum = Math.max(runningMaximum, Math.min(1, (m - rank) * pValues.get(index)));
            adjusted.set(index, runningMaximum);
        }
        return List.copyOf(adjusted);
    }
}
