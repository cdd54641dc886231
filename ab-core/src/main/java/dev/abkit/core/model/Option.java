package dev.abkit.core.model;

import java.util.PrimitiveIterator;

/**
 * One variant of an experiment: the value a device receives, and its weight. The value is 1-100
 * characters, counted as Unicode code points (an emoji is one, although Java and H2 count two
 * UTF-16 units for it), of valid Unicode text: no unpaired surrogates, which no UTF-8 text or
 * PostgreSQL can hold, no control characters and no non-characters.
 */
public record Option(String value, Weight weight) {

    public static final int MAX_VALUE_LENGTH = 100;

    public Option {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("option value must not be empty");
        }
        int length = checkedLength(value);
        if (length > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException(
                    "option value must be at most " + MAX_VALUE_LENGTH + " characters (got " + length + ")");
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

    /** The number of code points in {@code value}, once each is known to be allowed. */
    private static int checkedLength(String value) {
        int length = 0;
        PrimitiveIterator.OfInt codePoints = value.codePoints().iterator();
        while (codePoints.hasNext()) {
            int codePoint = codePoints.nextInt();
            length++;
            if (Quoted.isUnpairedSurrogate(codePoint)) {
                throw new IllegalArgumentException("option value must be valid Unicode text: character " + length
                        + " is half of a UTF-16 surrogate pair (U+" + hex(codePoint) + ") without its other half");
            }
            if (Character.isISOControl(codePoint)) {
                throw new IllegalArgumentException("option value must not contain control characters");
            }
            if (isNonCharacter(codePoint)) {
                throw new IllegalArgumentException("option value must not contain Unicode non-characters: character "
                        + length + " is U+" + hex(codePoint));
            }
        }
        return length;
    }

    /** U+FDD0..U+FDEF and the last two code points of every plane: reserved by Unicode, never text. */
    private static boolean isNonCharacter(int codePoint) {
        return codePoint >= 0xFDD0 && codePoint <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;
    }

    private static String hex(int codePoint) {
        return String.format("%04X", codePoint);
    }
}
