package dev.abkit.core.model;

/**
 * An app's version as a semantic version 2.0.0 (semver.org): {@code MAJOR.MINOR.PATCH}, then an
 * optional pre-release ({@code -rc.1}) and build metadata ({@code +build.5}). Exactly three numbers:
 * {@code 2.3} is refused rather than read as 2.3.0, so that what is compared is what the app sent;
 * no leading {@code v}, no leading zeros. At most {@value #MAX_LENGTH} characters.
 *
 * <p>Ordered by semver precedence ({@link #compareTo}): numbers numerically, a pre-release below its
 * release, pre-release identifiers one by one (numeric ones numerically and below alphanumeric ones,
 * those in ASCII order, a shorter list below a longer one it starts), build metadata ignored. So
 * {@code compareTo} is 0 for {@code 1.0.0+a} and {@code 1.0.0+b}, which are not {@code equals}.
 */
public record AppVersion(String value) implements Comparable<AppVersion> {

    public static final int MAX_LENGTH = 100;

    public AppVersion {
        String problem = problemWith(value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    public static AppVersion of(String value) {
        return new AppVersion(value);
    }

    /**
     * What makes {@code text} no semantic version, or {@code null} if it is one. Allocates nothing for
     * a valid version, so a caller may check every request cheaply.
     */
    public static String problemWith(String text) {
        if (text == null || text.isEmpty()) {
            return "app version must not be empty; send a semantic version such as 2.3.0";
        }
        if (text.length() > MAX_LENGTH) {
            return "app version must be at most " + MAX_LENGTH + " characters (got " + text.length() + ")";
        }
        int at = 0;
        for (int number = 0; number < 3; number++) {
            int end = numberEnd(text, at);
            if (end < 0) {
                return invalid(text);
            }
            at = end;
            if (number < 2) {
                if (at >= text.length() || text.charAt(at) != '.') {
                    return invalid(text);
                }
                at++;
            }
        }
        if (at < text.length() && text.charAt(at) == '-') {
            at = identifiersEnd(text, at + 1, true);
            if (at < 0) {
                return invalid(text);
            }
        }
        if (at < text.length() && text.charAt(at) == '+') {
            at = identifiersEnd(text, at + 1, false);
            if (at < 0) {
                return invalid(text);
            }
        }
        return at == text.length() ? null : invalid(text);
    }

    private static String invalid(String text) {
        return "app version must be a semantic version MAJOR.MINOR.PATCH with an optional -pre-release"
                + " and +build, such as 2.3.0 or 3.0.0-beta.1 (got " + Quoted.of(text) + ")";
    }

    /** The end of a numeric identifier at {@code from}: 0, or digits without a leading zero; -1 if none. */
    private static int numberEnd(String text, int from) {
        int end = from;
        while (end < text.length() && isDigit(text.charAt(end))) {
            end++;
        }
        if (end == from || (text.charAt(from) == '0' && end - from > 1)) {
            return -1;
        }
        return end;
    }

    /**
     * The end of dot-separated identifiers of {@code [0-9A-Za-z-]} from {@code from}; in a pre-release
     * an identifier of digits alone must not have a leading zero. -1 if an identifier is empty or wrong.
     */
    private static int identifiersEnd(String text, int from, boolean preRelease) {
        int at = from;
        while (true) {
            int start = at;
            boolean digitsOnly = true;
            while (at < text.length() && isIdentifierChar(text.charAt(at))) {
                digitsOnly &= isDigit(text.charAt(at));
                at++;
            }
            if (at == start || (preRelease && digitsOnly && at - start > 1 && text.charAt(start) == '0')) {
                return -1;
            }
            if (at < text.length() && text.charAt(at) == '.') {
                at++;
            } else {
                return at;
            }
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentifierChar(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
    }

    @Override
    public int compareTo(AppVersion other) {
        String a = value;
        String b = other.value;
        int i = 0;
        int j = 0;
        for (int number = 0; number < 3; number++) {
            int aEnd = digitsEnd(a, i);
            int bEnd = digitsEnd(b, j);
            int order = compareNumeric(a, i, aEnd, b, j, bEnd);
            if (order != 0) {
                return order;
            }
            i = aEnd + 1;
            j = bEnd + 1;
        }
        // i and j now stand one past the patch number's end: on the '-' of a pre-release, if any.
        boolean aPre = i - 1 < a.length() && a.charAt(i - 1) == '-';
        boolean bPre = j - 1 < b.length() && b.charAt(j - 1) == '-';
        if (!aPre || !bPre) {
            return Boolean.compare(bPre, aPre); // a release is above its pre-releases
        }
        return comparePreRelease(a, i, b, j);
    }

    /** Semver 11.4: identifier by identifier; a list that runs out first is lower. */
    private static int comparePreRelease(String a, int i, String b, int j) {
        while (true) {
            int aEnd = identifierEnd(a, i);
            int bEnd = identifierEnd(b, j);
            boolean aNumeric = allDigits(a, i, aEnd);
            boolean bNumeric = allDigits(b, j, bEnd);
            int order;
            if (aNumeric && bNumeric) {
                order = compareNumeric(a, i, aEnd, b, j, bEnd);
            } else if (aNumeric || bNumeric) {
                order = aNumeric ? -1 : 1; // numeric identifiers are lower than alphanumeric ones
            } else {
                order = compareAscii(a, i, aEnd, b, j, bEnd);
            }
            if (order != 0) {
                return order;
            }
            boolean aMore = aEnd < a.length() && a.charAt(aEnd) == '.';
            boolean bMore = bEnd < b.length() && b.charAt(bEnd) == '.';
            if (!aMore || !bMore) {
                return Boolean.compare(aMore, bMore);
            }
            i = aEnd + 1;
            j = bEnd + 1;
        }
    }

    private static int digitsEnd(String text, int from) {
        int end = from;
        while (end < text.length() && isDigit(text.charAt(end))) {
            end++;
        }
        return end;
    }

    private static int identifierEnd(String text, int from) {
        int end = from;
        while (end < text.length() && isIdentifierChar(text.charAt(end))) {
            end++;
        }
        return end;
    }

    private static boolean allDigits(String text, int from, int to) {
        for (int k = from; k < to; k++) {
            if (!isDigit(text.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    /** Numbers of any length without leading zeros: the longer is larger, else digit by digit. */
    private static int compareNumeric(String a, int i, int aEnd, String b, int j, int bEnd) {
        int lengths = Integer.compare(aEnd - i, bEnd - j);
        return lengths != 0 ? lengths : compareAscii(a, i, aEnd, b, j, bEnd);
    }

    private static int compareAscii(String a, int i, int aEnd, String b, int j, int bEnd) {
        while (i < aEnd && j < bEnd) {
            int order = Character.compare(a.charAt(i++), b.charAt(j++));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(aEnd - i, bEnd - j);
    }

    @Override
    public String toString() {
        return value;
    }
}
