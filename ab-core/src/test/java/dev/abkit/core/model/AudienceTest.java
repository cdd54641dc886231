package dev.abkit.core.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Audience.admits as truth tables: each rule alone, includeUnknown, and the issue's example audience. */
class AudienceTest {

    private static final List<Platform> IOS = List.of(Platform.IOS);

    @ParameterizedTest(name = "{0} {1} {2}: {3}")
    @CsvSource(nullValues = "-", value = {
            // platform, appVersion, locale, admitted by the issue's audience
            "ios,     2.3.0,        ru-RU,    true",
            "ios,     2.9.17,       ru-RU,    true",
            "ios,     3.0.0-rc.1,   ru-RU,    true",   // a pre-release of 3.0.0 is below 3.0.0
            "ios,     3.0.0,        ru-RU,    false",  // the maximum is exclusive
            "ios,     3.0.0+build,  ru-RU,    false",  // build metadata does not count
            "ios,     2.3.0+build,  ru-RU,    true",
            "ios,     2.3.0-rc.1,   ru-RU,    false",  // a pre-release of 2.3.0 is below the minimum
            "ios,     2.2.99,       ru-RU,    false",
            "ios,     10.0.0,       ru-RU,    false",
            "android, 2.3.0,        ru-RU,    false",
            "ios,     2.3.0,        ru-UA,    false",  // the locale list says ru-RU
            "ios,     2.3.0,        ru-RU-x-a, true",  // a longer tag under the range ru-RU
            "ios,     2.3.0,        ru,       false",  // ru is not under ru-RU, and has no country
            "-,       2.3.0,        ru-RU,    false",  // unknown platform
            "ios,     -,            ru-RU,    false",  // unknown version
            "ios,     2.3.0,        -,        false",  // unknown locale (and so country)
    })
    void the_issues_example_audience_without_unknowns(String platform, String version, String locale, boolean admitted) {
        Audience audience = new Audience(IOS, AppVersion.of("2.3.0"), AppVersion.of("3.0.0"),
                List.of(LocaleTag.of("ru-RU")), List.of(CountryCode.of("RU")), false);

        assertThat(audience.admits(attributes(platform, version, locale))).isEqualTo(admitted);
    }

    @ParameterizedTest(name = "{0} {1} {2}: {3}")
    @CsvSource(nullValues = "-", value = {
            "-,       -,      -,     true",   // nothing known: every rule lets the unknown in
            "-,       2.5.0,  ru-RU, true",
            "ios,     -,      ru-RU, true",
            "ios,     2.5.0,  -,     true",
            "android, -,      -,     false",  // what is known must still match
            "-,       3.1.0,  -,     false",
            "-,       -,      de-DE, false",
            "-,       -,      ru,    false",  // the locale is known and is not under ru-RU
    })
    void the_issues_example_audience_with_unknowns_included(String platform, String version, String locale, boolean admitted) {
        Audience audience = new Audience(IOS, AppVersion.of("2.3.0"), AppVersion.of("3.0.0"),
                List.of(LocaleTag.of("ru-RU")), List.of(CountryCode.of("RU")), true);

        assertThat(audience.admits(attributes(platform, version, locale))).isEqualTo(admitted);
    }

    @Test
    void include_unknown_concerns_only_the_attributes_the_audience_constrains() {
        Audience iosOnly = new Audience(IOS, null, null, null, null, false);

        assertThat(iosOnly.admits(new DeviceAttributes(Platform.IOS, null, null))).isTrue();
        assertThat(iosOnly.admits(DeviceAttributes.UNKNOWN)).isFalse();
        assertThat(new Audience(IOS, null, null, null, null, true).admits(DeviceAttributes.UNKNOWN)).isTrue();
    }

    @Test
    void everyone_admits_every_device_and_unknown_ones_too() {
        assertThat(Audience.EVERYONE.isEveryone()).isTrue();
        assertThat(Audience.EVERYONE.admits(DeviceAttributes.UNKNOWN)).isTrue();
        assertThat(Audience.EVERYONE.admits(attributes("web", "0.0.1", "x-private"))).isTrue();
        assertThat(new Audience(null, null, null, null, null, true).isEveryone()).isTrue();
        assertThat(new Audience(IOS, null, null, null, null, false).isEveryone()).isFalse();
    }

    @ParameterizedTest(name = "{0}: {1} {2}")
    @CsvSource({"2.3.0, true, true", "2.2.9, false, true", "99.0.0, true, false", "1.0.0-alpha, false, true",
            "3.0.0-alpha, true, false", "2.99.99, true, true"})
    void a_range_may_have_only_a_minimum_inclusive_or_only_a_maximum_exclusive(String version, boolean fromMinimum,
                                                                               boolean belowMaximum) {
        Audience from = new Audience(null, AppVersion.of("2.3.0"), null, null, null, false);
        Audience below = new Audience(null, null, AppVersion.of("3.0.0-alpha"), null, null, false);

        assertThat(from.admits(attributes(null, version, null))).isEqualTo(fromMinimum);
        assertThat(below.admits(attributes(null, version, null))).isEqualTo(belowMaximum);
    }

    @ParameterizedTest(name = "range {0}, tag {1}: {2}")
    @CsvSource({"ru, ru, true", "ru, ru-RU, true", "ru, ru-UA, true", "ru, ru-Cyrl-RU, true", "ru, rus, false",
            "ru, en-RU, false", "ru-RU, ru, false", "ru-RU, ru-RU-x-test, true", "ru-RU, ru-RUS, false",
            "zh-Hant, zh-hant-tw, true", "zh-Hant, zh-Hans-CN, false", "en, EN-us, true"})
    void locales_match_by_rfc_4647_basic_filtering_without_regard_to_case(String range, String tag, boolean admitted) {
        Audience audience = new Audience(null, null, null, List.of(LocaleTag.of(range)), null, false);

        assertThat(audience.admits(attributes(null, null, tag))).isEqualTo(admitted);
    }

    @ParameterizedTest(name = "{0}: {1}, with unknown included: {2}")
    @CsvSource({"ru-RU, true, true", "en-RU, true, true", "ru-ua, false, false", "tt-Cyrl-RU, true, true",
            "ru, false, true", "es-419, false, true"})
    void a_country_is_the_two_letter_region_of_the_locale_and_a_locale_without_one_is_an_unknown_country(
            String locale, boolean admitted, boolean admittedWithUnknown) {
        List<CountryCode> russia = List.of(CountryCode.of("ru"));

        assertThat(new Audience(null, null, null, null, russia, false).admits(attributes(null, null, locale)))
                .isEqualTo(admitted);
        assertThat(new Audience(null, null, null, null, russia, true).admits(attributes(null, null, locale)))
                .isEqualTo(admittedWithUnknown);
    }

    @Test
    void lists_match_any_of_their_values_and_rules_all_must_pass() {
        Audience mobile = new Audience(List.of(Platform.IOS, Platform.ANDROID), null, null,
                List.of(LocaleTag.of("ru"), LocaleTag.of("uk")), List.of(CountryCode.of("RU"), CountryCode.of("UA")), false);

        assertThat(mobile.admits(attributes("android", null, "uk-UA"))).isTrue();
        assertThat(mobile.admits(attributes("ios", null, "ru-UA"))).isTrue();
        assertThat(mobile.admits(attributes("ios", null, "uk-RU"))).isTrue();
        assertThat(mobile.admits(attributes("web", null, "ru-RU"))).isFalse();
        assertThat(mobile.admits(attributes("ios", null, "en-RU"))).isFalse();
        assertThat(mobile.admits(attributes("ios", null, "ru-KZ"))).isFalse();
    }

    @Test
    void an_audience_that_can_admit_nobody_is_refused() {
        assertThatThrownBy(() -> new Audience(List.of(), null, null, null, null, false))
                .hasMessageContaining("platforms must list at least one value");
        assertThatThrownBy(() -> new Audience(null, null, null, List.of(), null, false))
                .hasMessageContaining("locales must list at least one value");
        assertThatThrownBy(() -> new Audience(null, null, null, null, List.of(), true))
                .hasMessageContaining("countries must list at least one value");
        assertThatThrownBy(() -> new Audience(null, AppVersion.of("3.0.0"), AppVersion.of("3.0.0"), null, null, false))
                .hasMessageContaining("minAppVersion must be below maxAppVersion");
        assertThatThrownBy(() -> new Audience(null, AppVersion.of("3.0.0+a"), AppVersion.of("3.0.0+b"), null, null, false))
                .as("equal by precedence").hasMessageContaining("below");
        assertThatThrownBy(() -> new Audience(null, AppVersion.of("3.1.0"), AppVersion.of("3.0.0"), null, null, false))
                .hasMessageContaining("below");
    }

    @Test
    void an_audience_is_immutable() {
        ArrayList<Platform> platforms = new ArrayList<>(IOS);
        Audience audience = new Audience(platforms, null, null, null, null, false);
        platforms.add(Platform.ANDROID);

        assertThat(audience.platforms()).containsExactly(Platform.IOS);
        assertThatThrownBy(() -> audience.platforms().add(Platform.WEB)).isInstanceOf(UnsupportedOperationException.class);
    }

    private static DeviceAttributes attributes(String platform, String version, String locale) {
        return new DeviceAttributes(platform == null ? null : Platform.of(platform),
                version == null ? null : AppVersion.of(version), locale == null ? null : LocaleTag.of(locale));
    }
}
