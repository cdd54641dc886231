package dev.abkit.core.contract;

import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.port.out.EnrollmentCounts;

import java.util.List;
import java.util.Map;

/** Counts for a kit whose contract never reads statistics: the builder wants some, none are asked. */
final class UnusedEnrollmentCounts implements EnrollmentCounts {

    static final EnrollmentCounts INSTANCE = new UnusedEnrollmentCounts();

    private UnusedEnrollmentCounts() {
    }

    @Override
    public long registeredDevices() {
        return 0;
    }

    @Override
    public List<OptionCount> optionCounts() {
        return List.of();
    }

    @Override
    public Map<ExperimentKey, Long> leftOutCounts() {
        return Map.of();
    }
}
