package dev.abkit.core.model;

/** One variant of an experiment: the value a device receives, and its weight. */
public record Option(String value, Weight weight) {

    public static final int MAX_VALUE_LENGTH = 100;

    public Option {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("option value must not be empty");
        }
        int length = value.codePointCount(0, value.length());
        if (length > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException(
                    "option value must be at most " + MAX_VALUE_LENGTH + " characters (got " + length + ")");
        }
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("option value must not contain control characters");
        }
        if (weight == null) {
            throw new IllegalArgumentException("option " + Quoted.of(value) + " needs a weight");
        }
    }

    public static Option of(String value, String weight) {
        return new Option(value, Weight.of(weight));
    }

    public static Option of(String value, double weight) {
        return new Option(value, Weight.of(weight));
    }
}
