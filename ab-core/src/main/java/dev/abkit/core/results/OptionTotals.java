package dev.abkit.core.results;

import java.util.Objects;
import java.util.Optional;

/**
 * What one option's devices did, as storage aggregates it for one metric and window: the {@code devices} counted
 * (assigned to this option before the window's end, not overridden, and with {@code exposed=true} only the exposed
 * ones), the {@code conversions} among them (devices with at least one event of the metric in the window), and for
 * a value metric the per-device {@code values}: count = devices, and the sum and sum of squares of each device's
 * total, a device without events counting 0. Empty {@code values} means a metric without values.
 */
public record OptionTotals(String value, long devices, long conversions, Optional<SampleSums> values) {

    public OptionTotals {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(values, "values");
        if (devices < 0) {
            throw new IllegalArgumentException("option \"" + value + "\": devices must not be negative (got "
                    + devices + ")");
        }
        if (conversions < 0 || conversions > devices) {
            throw new IllegalArgumentException("option \"" + value + "\": conversions must be between 0 and its "
                    + devices + " devices (got " + conversions + ")");
        }
        if (values.isPresent() && values.get().count() != devices) {
            throw new IllegalArgumentException("option \"" + value + "\": the values must cover every one of its "
                    + devices + " devices, a device without events counting 0 (got " + values.get().count() + ")");
        }
    }

    /** The totals of a metric without values: conversions only. */
    public OptionTotals(String value, long devices, long conversions) {
        this(value, devices, conversions, Optional.empty());
    }

    Proportion conversionRate() {
        return new Proportion(conversions, devices);
    }
}
