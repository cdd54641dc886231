package dev.abkit.stats;

import dev.abkit.core.AbKit;
import dev.abkit.core.model.Assignment;
import dev.abkit.core.model.DeviceToken;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * New devices driven through the mobile use case, and what they were given: per experiment key and
 * option value, how many devices received it. The statistics must show exactly these counts.
 */
final class ReceivedOptions {

    private final Map<String, Map<String, Long>> counts = new LinkedHashMap<>();

    private ReceivedOptions() {
    }

    static ReceivedOptions enroll(AbKit abkit, String prefix, int devices) {
        ReceivedOptions received = new ReceivedOptions();
        for (int i = 0; i < devices; i++) {
            for (Assignment assignment : abkit.experimentsForDevice().experimentsFor(DeviceToken.of(prefix + i))) {
                received.counts.computeIfAbsent(assignment.experiment().value(), key -> new LinkedHashMap<>())
                        .merge(assignment.value(), 1L, Long::sum);
            }
        }
        return received;
    }

    long of(String experiment, String value) {
        return counts.getOrDefault(experiment, Map.of()).getOrDefault(value, 0L);
    }

    long total(String experiment) {
        return counts.getOrDefault(experiment, Map.of()).values().stream().mapToLong(Long::longValue).sum();
    }
}
