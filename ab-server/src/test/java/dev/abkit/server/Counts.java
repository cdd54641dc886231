package dev.abkit.server;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Per option value of one experiment, how many devices have it: as the devices were answered, and as the statistics say. */
final class Counts {

    /** What 600 new devices of a fresh database must have received (R3). */
    static final Map<String, Long> COLOURS_OF_600 = Map.of("#FF0000", 200L, "#00FF00", 200L, "#0000FF", 200L);
    static final Map<String, Long> PRICES_OF_600 = Map.of("10", 450L, "20", 60L, "50", 30L, "5", 60L);

    private Counts() {
    }

    /** From the mobile API's answers, one per device. */
    static Map<String, Long> received(Collection<Map<String, String>> answers, String experiment) {
        Map<String, Long> counts = new HashMap<>();
        answers.forEach(answer -> counts.merge(answer.get(experiment), 1L, Long::sum));
        return counts;
    }

    /** From the body of {@code GET /api/v1/stats}. */
    @SuppressWarnings("unchecked")
    static Map<String, Long> inStatistics(Map<String, Object> stats, String experiment) {
        Map<String, Long> counts = new HashMap<>();
        for (Map<String, Object> row : (List<Map<String, Object>>) stats.get("experiments")) {
            if (row.get("key").equals(experiment)) {
                for (Map<String, Object> option : (List<Map<String, Object>>) row.get("options")) {
                    counts.put((String) option.get("value"), ((Number) option.get("devices")).longValue());
                }
            }
        }
        return counts;
    }
}
