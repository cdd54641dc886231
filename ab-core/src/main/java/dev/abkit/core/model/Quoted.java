package dev.abkit.core.model;

/**
 * Renders rejected input inside error messages: cut short so a huge value stays readable, and never
 * half a character, so that the message itself is valid Unicode text that any JSON encoder can write.
 * Public for the other packages of value objects ({@code event}); not meant beyond the core.
 */
public final class Quoted {

    private static final int SHOWN = 40;
    private static final char REPLACEMENT = '\uFFFD';

    private Quoted() {
    }

    /** The value in quotes, shortened; "nothing" for {@code null}. */
    public static String of(String value) {
        return value == null ? "nothing" : "\"" + shortened(value) + "\"";
    }

    /** At most 40 code points of the value, then "…"; an unpaired surrogate shows as U+FFFD. */
    public static String shortened(String value) {
        StringBuilder shown = new StringBuilder();
        value.codePoints().limit(SHOWN)
                .forEach(codePoint -> shown.appendCodePoint(isUnpairedSurrogate(codePoint) ? REPLACEMENT : codePoint));
        boolean cut = value.codePointCount(0, value.length()) > SHOWN;
        return cut ? shown.append('…').toString() : shown.toString();
    }

    /** What {@link String#codePointAt} returns for half a surrogate pair without its other half. */
    static boolean isUnpairedSurrogate(int codePoint) {
        return codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE;
    }
}
