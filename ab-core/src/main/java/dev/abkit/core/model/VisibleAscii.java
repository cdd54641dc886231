package dev.abkit.core.model;

/**
 * The rule of ids that clients send in headers and bodies (device tokens, event ids): visible ASCII
 * only, no spaces, so that an id is the same bytes in a header, a log line and a database column.
 */
public final class VisibleAscii {

    private VisibleAscii() {
    }

    /**
     * @param what how the message names the value, such as {@code "device token"}
     * @throws IllegalArgumentException naming the first character that is not visible ASCII
     */
    public static void require(String value, String what) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '!' || c > '~') {
                throw new IllegalArgumentException(what + " must be visible ASCII characters only, without spaces"
                        + " (character " + (i + 1) + " is not)");
            }
        }
    }
}
