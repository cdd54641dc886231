package dev.abkit.core.model;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written checks of {@link AppVersion} and {@link LocaleTag} (written to allocate nothing)
 * against the grammars as regular expressions: semver.org's own expression, and RFC 5646's ABNF
 * transcribed (the same expressions as the OpenAPI document's patterns). Random strings built from
 * the pieces the grammars care about must get the same verdict from both.
 */
class GrammarOracleTest {

    /** From semver.org, "Is there a suggested regular expression (RegEx) to check a SemVer string?" */
    private static final Pattern SEMVER = Pattern.compile("^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
            + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
            + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");

    /** RFC 5646 section 2.1: langtag / privateuse / irregular grandfathered (the regular ones are langtags). */
    private static final Pattern BCP47 = Pattern.compile("^(?:(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})"
            + "(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"
            + "(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*(?:-[xX](?:-[A-Za-z0-9]{1,8})+)?"
            + "|[xX](?:-[A-Za-z0-9]{1,8})+"
            + "|(?i:en-GB-oed|i-ami|i-bnn|i-default|i-enochian|i-hak|i-klingon|i-lux|i-mingo|i-navajo|i-pwn|i-tao"
            + "|i-tay|i-tsu|sgn-BE-FR|sgn-BE-NL|sgn-CH-DE))$");

    private static final String[] VERSION_PIECES = {"0", "1", "01", "12", "9", ".", ".", ".", "-", "+", "a", "Z", "-"};
    private static final String[] TAG_PIECES = {"en", "de", "abc", "i", "x", "a", "u", "Latn", "hant", "RU", "419",
            "1901", "rozaj", "abcdefgh", "abcdefghi", "12", "5", "-", "-", "-", "-", "_"};

    @Test
    void app_versions_get_the_verdict_of_semver_orgs_expression() {
        Random random = new Random(20261202);
        int valid = 0;
        for (int i = 0; i < 50_000; i++) {
            String candidate = i % 2 == 0 ? randomOf(random, VERSION_PIECES, 12) : versionLike(random);
            boolean matches = SEMVER.matcher(candidate).matches();
            assertThat(AppVersion.problemWith(candidate) == null).as(candidate).isEqualTo(matches);
            valid += matches ? 1 : 0;
        }
        assertThat(valid).as("valid versions among the candidates").isBetween(2_000, 48_000);
    }

    @Test
    void locale_tags_get_the_verdict_of_the_rfc_5646_grammar() {
        Random random = new Random(5646);
        int valid = 0;
        for (int i = 0; i < 50_000; i++) {
            String candidate = randomOf(random, TAG_PIECES, 10);
            boolean matches = candidate.length() <= LocaleTag.MAX_LENGTH && BCP47.matcher(candidate).matches();
            assertThat(LocaleTag.problemWith(candidate) == null).as(candidate).isEqualTo(matches);
            valid += matches ? 1 : 0;
        }
        assertThat(valid).as("well-formed tags among the candidates").isBetween(2_000, 48_000);
    }

    private static String versionLike(Random random) {
        StringBuilder version = new StringBuilder(randomOf(random, new String[]{"0", "1", "10", "01"}, 1));
        version.append('.').append(random.nextInt(12)).append('.').append(random.nextInt(3) == 0 ? "00" : "3");
        return version.append(randomOf(random, VERSION_PIECES, 6)).toString();
    }

    private static String randomOf(Random random, String[] pieces, int maxPieces) {
        StringBuilder text = new StringBuilder();
        int count = 1 + random.nextInt(maxPieces);
        for (int i = 0; i < count; i++) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        return text.toString();
    }
}
