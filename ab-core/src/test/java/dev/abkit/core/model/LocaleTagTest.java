package dev.abkit.core.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Well-formed BCP 47 language tags (RFC 5646 section 2.1 and the examples of its appendix A). */
class LocaleTagTest {

    @ParameterizedTest
    @ValueSource(strings = {"de", "fr", "ja", "i-enochian", "zh-Hant", "zh-Hans", "sr-Cyrl", "sr-Latn",
            "zh-cmn-Hans-CN", "cmn-Hans-CN", "zh-yue-HK", "yue-HK", "zh-Hans-CN", "sr-Latn-RS", "sl-rozaj",
            "sl-rozaj-biske", "sl-nedis", "de-CH-1901", "sl-IT-nedis", "hy-Latn-IT-arevela", "de-DE", "en-US",
            "es-419", "de-CH-x-phonebk", "az-Arab-x-AZE-derbend", "x-whatever", "qaa-Qaaa-QM-x-southern",
            "de-Qaaa", "sr-Latn-QM", "sr-Qaaa-RS", "en-US-u-islamcal", "zh-CN-a-myext-x-private",
            "en-a-myext-b-another", "ru-RU", "en", "zh-Hant-TW",
            "EN-us", "en-GB-oed", "sgn-BE-FR", "art-lojban", "zh-min-nan", "en-US-u-ca-gregory-nu-latn",
            "tlh", "abcdefgh", "qq-QQ", "en-x-a-b-c-12345678"})
    void well_formed_tags_are_accepted(String tag) {
        assertThat(LocaleTag.problemWith(tag)).isNull();
        assertThat(LocaleTag.of(tag).value()).isEqualToIgnoringCase(tag);
    }

    @Test
    void a_tag_that_is_well_formed_but_not_valid_is_accepted_as_the_grammar_allows() {
        // RFC 5646 appendix A: two extensions with the same singleton follow the grammar; validity
        // also needs the registry of subtags, to which a device's header is not held.
        assertThat(LocaleTag.problemWith("ar-a-aaa-b-bbb-a-ccc")).isNull();
    }

    /** Appendix A's ill-formed examples (two regions, a one-letter language), and what apps send instead of a tag. */
    @ParameterizedTest
    @ValueSource(strings = {"de-419-DE", "a-DE", "en-", "-en", "en--US", "e", "abcdefghi", "en-US-", "en-a", "en-a-b", "en-x", "x",
            "en-x-123456789", "en-US-GB", "en-Latn-Cyrl", "en-abcd1234x", "1en", "en-US-1", "de-1901a-CH",
            "zh-Hant-yue", "en-aaa-bbb-ccc-ddd", "abcd-aaa", "e1", "ru RU", "ru.RU", "ru-RU;q=0.9", "en-US,en",
            "ру-RU", "en-ÜS", "i-foo", "en-Latn-US-a", "zh-a-ab-"})
    void ill_formed_tags_are_refused(String tag) {
        assertThat(LocaleTag.problemWith(tag)).contains("well-formed BCP 47 language tag");
        assertThatThrownBy(() -> LocaleTag.of(tag)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_java_locale_string_with_an_underscore_is_refused_with_a_hint() {
        assertThat(LocaleTag.problemWith("en_US")).contains("'-', not '_'").contains("toLanguageTag");
    }

    @Test
    void empty_missing_and_overlong_tags_are_refused() {
        assertThat(LocaleTag.problemWith("")).contains("must not be empty");
        assertThat(LocaleTag.problemWith(null)).contains("must not be empty");
        String longest = "en-x-" + "abcdefg-".repeat(7) + "abc";
        assertThat(longest).hasSize(64);
        assertThat(LocaleTag.problemWith(longest)).isNull();
        assertThat(LocaleTag.problemWith(longest + "d")).isEqualTo("locale must be at most 64 characters (got 65)");
    }

    @ParameterizedTest
    @CsvSource({"ru-ru,ru-RU", "ZH-HANT-TW,zh-Hant-TW", "EN,en", "sr-latn-rs,sr-Latn-RS", "en-us-x-ab-cdef,en-US-x-ab-cdef",
            "en-a-bb-cccc,en-a-bb-cccc", "DE-CH-1901,de-CH-1901", "I-KLINGON,i-klingon", "es-419,es-419"})
    void tags_are_kept_in_the_case_rfc_5646_recommends(String sent, String kept) {
        assertThat(LocaleTag.of(sent).value()).isEqualTo(kept);
        assertThat(LocaleTag.of(sent)).isEqualTo(LocaleTag.of(kept));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {"ru-RU,RU", "zh-Hant-TW,TW", "es-419,419", "en,-", "zh-yue-HK,HK",
            "sl-rozaj,-", "en-US-u-ca-gregory,US", "de-x-ch,-", "x-ru-ru,-", "en-GB-oed,-", "sr-Latn,-",
            "en-a-bb-x-ru,-", "cmn-Hans-CN,CN"})
    void the_region_is_the_country_part_of_the_tag(String tag, String region) {
        assertThat(LocaleTag.of(tag).region()).isEqualTo(region);
    }
}
