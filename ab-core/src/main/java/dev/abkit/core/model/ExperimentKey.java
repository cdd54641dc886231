package dev.abkit.core.model;

import java.util.regex.Pattern;

/** The stable name of an experiment, and the key a device sees in its answer. */
public record ExperimentKey(String value) implements Comparable<ExperimentKey> {

    public static final int MAX_LENGTH = 64;
    private static final Pattern ALLOWED = Pattern.compile("[a-z0-9_]{1," + MAX_LENGTH + "}");

    public ExperimentKey {
        if (value == null || !ALLOWED.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "experiment key must be 1-" + MAX_LENGTH
                            + " characters of a-z, 0-9 and _ (got " + Quoted.of(value) + ")");
        }
    }

    public static ExperimentKey of(String value) {
        return new ExperimentKey(value);
    }

    @Override
    public int compareTo(ExperimentKey other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
