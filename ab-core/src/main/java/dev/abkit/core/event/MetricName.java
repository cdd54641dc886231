package dev.abkit.core.event;

import dev.abkit.core.model.Quoted;

import java.util.regex.Pattern;

/**
 * The name of what an event counts towards, such as {@code purchase} or {@code checkout.completed}:
 * the {@code metric} results are asked for. Lower case so that {@code Purchase} and {@code purchase}
 * can never split one metric in two.
 */
public record MetricName(String value) implements Comparable<MetricName> {

    public static final int MAX_LENGTH = 64;
    private static final Pattern ALLOWED = Pattern.compile("[a-z0-9_.]{1," + MAX_LENGTH + "}");

    public MetricName {
        if (value == null || !ALLOWED.matcher(value).matches()) {
            throw new IllegalArgumentException("metric name must be 1-" + MAX_LENGTH
                    + " characters of a-z, 0-9, _ and . (got " + Quoted.of(value) + ")");
        }
    }

    public static MetricName of(String value) {
        return new MetricName(value);
    }

    @Override
    public int compareTo(MetricName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
