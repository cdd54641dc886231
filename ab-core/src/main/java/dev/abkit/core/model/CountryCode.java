package dev.abkit.core.model;

import java.util.Locale;

/**
 * A country as two letters, the form a BCP 47 region takes for one (ISO 3166-1 alpha-2: {@code RU});
 * read without regard to case, kept in upper case. Numeric regions such as {@code 419} (Latin
 * America) name no country.
 */
public record CountryCode(String value) {

    public CountryCode {
        if (value == null || value.length() != 2 || !isLetter(value.charAt(0)) || !isLetter(value.charAt(1))) {
            throw new IllegalArgumentException("country must be two letters, such as RU (got " + Quoted.of(value) + ")");
        }
        value = value.toUpperCase(Locale.ROOT);
    }

    public static CountryCode of(String value) {
        return new CountryCode(value);
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    @Override
    public String toString() {
        return value;
    }
}
