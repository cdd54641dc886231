package dev.abkit.core.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlatformAndCountryTest {

    @ParameterizedTest
    @CsvSource({"ios,IOS", "iOS,IOS", "IOS,IOS", "android,ANDROID", "Android,ANDROID", "web,WEB", "other,OTHER"})
    void platforms_are_read_without_regard_to_case_and_written_in_lower_case(String sent, Platform platform) {
        assertThat(Platform.of(sent)).isEqualTo(platform);
        assertThat(Platform.of(sent).text()).isEqualTo(sent.toLowerCase());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ios", "ipados", "macos", "i0s", "windows"})
    void other_platforms_are_refused_with_the_list(String sent) {
        assertThatThrownBy(() -> Platform.of(sent)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one of ios, android, web, other");
    }

    @Test
    void a_missing_platform_is_refused() {
        assertThatThrownBy(() -> Platform.of(null)).hasMessageContaining("got nothing");
    }

    @Test
    void countries_are_two_letters_kept_in_upper_case() {
        assertThat(CountryCode.of("ru")).isEqualTo(CountryCode.of("RU"));
        assertThat(CountryCode.of("ru").value()).isEqualTo("RU");
        for (String bad : new String[]{"", "R", "RUS", "419", "R1", "ру"}) {
            assertThatThrownBy(() -> CountryCode.of(bad)).as(bad).hasMessageContaining("two letters");
        }
        assertThatThrownBy(() -> CountryCode.of(null)).hasMessageContaining("two letters");
    }

    @Test
    void a_devices_country_is_the_two_letter_region_of_its_locale() {
        assertThat(new DeviceAttributes(null, null, LocaleTag.of("ru-RU")).country()).isEqualTo(CountryCode.of("RU"));
        assertThat(new DeviceAttributes(null, null, LocaleTag.of("es-419")).country()).isNull();
        assertThat(new DeviceAttributes(null, null, LocaleTag.of("en")).country()).isNull();
        assertThat(DeviceAttributes.UNKNOWN.country()).isNull();
    }
}
