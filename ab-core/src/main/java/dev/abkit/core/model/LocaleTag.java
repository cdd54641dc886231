package dev.abkit.core.model;

import java.util.Locale;
import java.util.Set;

/**
 * A locale as a well-formed BCP 47 language tag (RFC 5646, section 2.1): {@code ru-RU}, {@code en},
 * {@code zh-Hant-TW}, {@code es-419}, {@code de-CH-1901}, {@code en-US-u-ca-gregory}, {@code x-private},
 * and the seventeen irregular grandfathered tags such as {@code i-klingon}. Checked against the
 * grammar, not against the registry of subtags: {@code qq-QQ} is well-formed, {@code en_US} (Java's
 * {@link Locale#toString()}) and {@code en-US,en;q=0.9} (an Accept-Language list) are not. Tags are
 * read without regard to case and kept in the case RFC 5646 recommends (language lower, script
 * title, region upper case: {@code zh-hant-tw} becomes {@code zh-Hant-TW}). At most
 * {@value #MAX_LENGTH} characters.
 */
public record LocaleTag(String value) {

    public static final int MAX_LENGTH = 64;

    /** RFC 5646 section 2.2.8: the grandfathered tags that do not follow the grammar. */
    private static final Set<String> IRREGULAR = Set.of("en-gb-oed", "i-ami", "i-bnn", "i-default", "i-enochian",
            "i-hak", "i-klingon", "i-lux", "i-mingo", "i-navajo", "i-pwn", "i-tao", "i-tay", "i-tsu",
            "sgn-be-fr", "sgn-be-nl", "sgn-ch-de");

    // Where a subtag may stand, in the order the grammar allows them.
    private static final int LANGUAGE = 0;
    private static final int EXTLANG = 1;
    private static final int SCRIPT = 2;
    private static final int REGION = 3;
    private static final int VARIANT = 4;
    private static final int EXTENSION = 5;

    public LocaleTag {
        String problem = problemWith(value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        value = canonicalCase(value);
    }

    public static LocaleTag of(String value) {
        return new LocaleTag(value);
    }

    /**
     * The region (country) of the tag: {@code RU} for {@code ru-RU}, {@code 419} for {@code es-419};
     * {@code null} for a tag without one ({@code en}), a private-use or an irregular tag.
     */
    public String region() {
        if (isIrregular(value)) {
            return null;
        }
        // In a well-formed tag, the region is the only subtag of 2 letters or 3 digits before any singleton.
        int at = subtagEnd(value, 0) + 1;
        if (at == 2) {
            return null; // private use
        }
        while (at < value.length()) {
            int end = subtagEnd(value, at);
            if (end - at == 1) {
                return null;
            }
            if (isRegion(value, at, end)) {
                return value.substring(at, end);
            }
            at = end + 1;
        }
        return null;
    }

    /**
     * What makes {@code text} no well-formed language tag, or {@code null} if it is one. Allocates
     * nothing for a well-formed tag, so a caller may check every request cheaply.
     */
    public static String problemWith(String text) {
        if (text == null || text.isEmpty()) {
            return "locale must not be empty; send a BCP 47 language tag such as ru-RU";
        }
        if (text.length() > MAX_LENGTH) {
            return "locale must be at most " + MAX_LENGTH + " characters (got " + text.length() + ")";
        }
        if (text.indexOf('_') >= 0) {
            return "locale must be a BCP 47 language tag, whose subtags are separated by '-', not '_'"
                    + " (got " + Quoted.of(text) + "; in Java, Locale.toLanguageTag() writes one)";
        }
        if (isLangtagOrPrivateUse(text) || isIrregular(text)) {
            return null;
        }
        return "locale must be a well-formed BCP 47 language tag such as ru-RU, en or zh-Hant-TW (got "
                + Quoted.of(text) + ")";
    }

    private static boolean isIrregular(String text) {
        return text.length() <= 11 && text.indexOf('-') > 0 && IRREGULAR.contains(text.toLowerCase(Locale.ROOT));
    }

    /** RFC 5646: {@code langtag / privateuse}, subtag by subtag. */
    private static boolean isLangtagOrPrivateUse(String text) {
        int at = 0;
        int position = LANGUAGE;
        int extlangs = 0;
        int firstLength = 0;
        boolean inExtension = false;
        boolean extensionHasSubtag = false;
        while (true) {
            int end = subtagEnd(text, at);
            int length = end - at;
            if (length == 0 || length > 8 || !allAlphanumeric(text, at, end)) {
                return false;
            }
            if (at == 0) {
                if (length == 1) {
                    return isPrivateUseSingleton(text.charAt(0)) && isPrivateUse(text, end);
                }
                if (!allLetters(text, at, end)) {
                    return false; // language: 2-3 letters, 4 (reserved) or 5-8 letters
                }
                firstLength = length;
            } else if (inExtension && length >= 2) {
                extensionHasSubtag = true; // 2-8 alphanumerics inside an extension
            } else if (length == 1) {
                if (inExtension && !extensionHasSubtag) {
                    return false; // a singleton needs at least one subtag
                }
                if (isPrivateUseSingleton(text.charAt(at))) {
                    return isPrivateUse(text, end);
                }
                inExtension = true;
                extensionHasSubtag = false;
                position = EXTENSION;
            } else if (position < SCRIPT && firstLength <= 3 && extlangs < 3 && length == 3
                    && allLetters(text, at, end)) {
                position = EXTLANG;
                extlangs++;
            } else if (position < SCRIPT && length == 4 && allLetters(text, at, end)) {
                position = SCRIPT;
            } else if (position < REGION && isRegion(text, at, end)) {
                position = REGION;
            } else if (position <= VARIANT && isVariant(text, at, end)) {
                position = VARIANT;
            } else {
                return false;
            }
            if (end == text.length()) {
                return !inExtension || extensionHasSubtag;
            }
            at = end + 1;
        }
    }

    /** {@code "x" 1*("-" (1*8alphanum))} from the singleton's end. */
    private static boolean isPrivateUse(String text, int singletonEnd) {
        if (singletonEnd == text.length()) {
            return false;
        }
        int at = singletonEnd + 1;
        while (true) {
            int end = subtagEnd(text, at);
            if (end == at || end - at > 8 || !allAlphanumeric(text, at, end)) {
                return false;
            }
            if (end == text.length()) {
                return true;
            }
            at = end + 1;
        }
    }

    private static boolean isPrivateUseSingleton(char c) {
        return c == 'x' || c == 'X';
    }

    /** {@code 2ALPHA / 3DIGIT} */
    private static boolean isRegion(String text, int at, int end) {
        int length = end - at;
        return (length == 2 && allLetters(text, at, end)) || (length == 3 && allDigits(text, at, end));
    }

    /** {@code 5*8alphanum / (DIGIT 3alphanum)} */
    private static boolean isVariant(String text, int at, int end) {
        int length = end - at;
        return length >= 5 || (length == 4 && isDigit(text.charAt(at)));
    }

    private static int subtagEnd(String text, int from) {
        int end = from;
        while (end < text.length() && text.charAt(end) != '-') {
            end++;
        }
        return end;
    }

    private static boolean allAlphanumeric(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!isLetter(c) && !isDigit(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean allLetters(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isLetter(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean allDigits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * RFC 5646 section 2.1.1: lower case, except two-letter subtags (regions) in upper and four-letter
     * subtags (scripts) in title case, both only before the first singleton and not first.
     */
    private static String canonicalCase(String text) {
        char[] chars = text.toLowerCase(Locale.ROOT).toCharArray();
        int at = 0;
        boolean afterSingleton = false;
        while (at < chars.length) {
            int end = at;
            while (end < chars.length && chars[end] != '-') {
                end++;
            }
            int length = end - at;
            if (length == 1) {
                afterSingleton = true;
            } else if (at > 0 && !afterSingleton && length == 2) {
                chars[at] = Character.toUpperCase(chars[at]);
                chars[at + 1] = Character.toUpperCase(chars[at + 1]);
            } else if (at > 0 && !afterSingleton && length == 4 && isLetter(chars[at])) {
                chars[at] = Character.toUpperCase(chars[at]);
            }
            at = end + 1;
        }
        return new String(chars);
    }

    @Override
    public String toString() {
        return value;
    }
}
