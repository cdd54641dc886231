package dev.abkit.core.port.out;

import dev.abkit.core.model.ExperimentKey;

import java.util.List;
import java.util.Map;

/** How many devices are registered, and how many received each option. Read by the statistics. */
public interface EnrollmentCounts {

    long registeredDevices();

    /** A count per experiment and option value that at least one device received. */
    List<OptionCount> optionCounts();

    /** Per experiment, the devices its coverage left out (R7); one with none may be absent. */
    Map<ExperimentKey, Long> leftOutCounts();

    record OptionCount(ExperimentKey experiment, String value, long devices) {
    }
}
