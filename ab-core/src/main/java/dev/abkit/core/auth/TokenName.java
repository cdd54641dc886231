package dev.abkit.core.auth;

/**
 * Who or what holds a personal token ({@code alice}, {@code ci-deploy}): what lists and, later, the
 * audit trail show. 1-100 characters (code points), no control characters, no white space at either end.
 */
public record TokenName(String value) {

    public static final int MAX_LENGTH = 100;

    public TokenName {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("must not be empty: say who holds the token, e.g. \"alice\"");
        }
        if (!value.strip().equals(value)) {
            throw new IllegalArgumentException("must not start or end with white space");
        }
        int length = value.codePointCount(0, value.length());
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException("must be at most " + MAX_LENGTH + " characters (got " + length + ")");
        }
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("must not contain control characters");
        }
    }

    public static TokenName of(String value) {
        return new TokenName(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
