package dev.abkit.core.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class ValueObjectsTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "button_color", "price_2", "0", "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij1234"})
    void experiment_keys_of_lower_case_letters_digits_and_underscores_are_accepted(String key) {
        assertThat(ExperimentKey.of(key).value()).isEqualTo(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Button", "button-color", "price ", "ключ", "a.b",
            "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij12345"})
    void other_experiment_keys_are_rejected_with_the_rule(String key) {
        assertThatThrownBy(() -> ExperimentKey.of(key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1-64 characters of a-z, 0-9 and _");
    }

    @Test
    void a_missing_experiment_key_is_rejected() {
        assertThatThrownBy(() -> new ExperimentKey(null)).hasMessageContaining("got nothing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "!~{}[]"})
    void device_tokens_of_1_to_200_visible_ascii_characters_are_accepted(String token) {
        assertThat(DeviceToken.of(token).value()).isEqualTo(token);
    }

    @Test
    void a_device_token_of_exactly_200_characters_is_accepted() {
        assertThat(DeviceToken.of("a".repeat(200)).value()).hasSize(200);
    }

    @Test
    void device_tokens_that_are_empty_too_long_or_not_visible_ascii_are_rejected() {
        assertThatThrownBy(() -> DeviceToken.of("")).hasMessage("device token must not be empty");
        assertThatThrownBy(() -> DeviceToken.of(null)).hasMessage("device token must not be empty");
        assertThatThrownBy(() -> DeviceToken.of("a".repeat(201)))
                .hasMessage("device token must be at most 200 characters (got 201)");
        assertThatThrownBy(() -> DeviceToken.of("two words"))
                .hasMessageContaining("visible ASCII").hasMessageContaining("character 4");
        assertThatThrownBy(() -> DeviceToken.of("   ")).hasMessageContaining("character 1");
        assertThatThrownBy(() -> DeviceToken.of("größe")).hasMessageContaining("character 3");
        assertThatThrownBy(() -> DeviceToken.of("tab\t")).hasMessageContaining("visible ASCII");
    }

    @Test
    void weights_are_positive_decimals_with_at_most_two_places_and_normalised() {
        assertThat(Weight.of("33.3").hundredths()).isEqualTo(3330);
        assertThat(Weight.of("0.01").hundredths()).isEqualTo(1);
        assertThat(Weight.of("75").hundredths()).isEqualTo(7500);
        assertThat(Weight.of("75.00")).isEqualTo(Weight.of("75"));
        assertThat(new Weight(new BigDecimal("7.5E+1"))).isEqualTo(Weight.of("75"));
        assertThat(Weight.of("75.00").toString()).isEqualTo("75");
        assertThat(Weight.of("10000").hundredths()).isEqualTo(1_000_000);
    }

    @Test
    void weights_that_are_not_positive_too_precise_too_large_or_not_numbers_are_rejected() {
        assertThatThrownBy(() -> Weight.of("0")).hasMessage("weight must be greater than 0 (got 0)");
        assertThatThrownBy(() -> Weight.of("-5")).hasMessage("weight must be greater than 0 (got -5)");
        assertThatThrownBy(() -> Weight.of("33.333")).hasMessage("weight must have at most two decimal places (got 33.333)");
        assertThatThrownBy(() -> Weight.of("10000.01")).hasMessageContaining("at most 10000");
        assertThatThrownBy(() -> Weight.of("lots")).hasMessage("weight must be a decimal number (got \"lots\")");
        assertThatThrownBy(() -> new Weight(null)).hasMessage("weight is required");
    }

    /** Each is a few bytes, but its plain digits or its rescaling would take gigabytes, or minutes. */
    @ParameterizedTest
    @ValueSource(strings = {"1e2147483647", "1E+2147483647", "-1e2147483647", "1e-2147483647", "0.1e-2147483647",
            "1e400", "1e-400", "123456789012345678901234567890123456789012345678901234567890"})
    void weights_of_extreme_magnitude_are_rejected_at_once_with_a_short_message(String weight) {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            assertThatThrownBy(() -> Weight.of(weight))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("weight must ")
                    .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(120));
            assertThatThrownBy(() -> new Weight(new BigDecimal(weight))).isInstanceOf(IllegalArgumentException.class);
        });
    }

    @Test
    void weights_that_are_not_finite_decimals_are_rejected() {
        assertThatThrownBy(() -> Weight.of("1e-2147483648")).hasMessageStartingWith("weight must be a decimal number");
        assertThatThrownBy(() -> Weight.of("NaN")).hasMessage("weight must be a decimal number (got \"NaN\")");
        assertThatThrownBy(() -> Weight.of(Double.POSITIVE_INFINITY)).hasMessageStartingWith("weight must be a decimal number");
        assertThatThrownBy(() -> Weight.of(Double.NaN)).hasMessageStartingWith("weight must be a decimal number");
        assertThatThrownBy(() -> Weight.of("1e400")).hasMessage("weight must be at most 10000 (got 1E+400)");
        assertThatThrownBy(() -> Weight.of("1e-400")).hasMessage("weight must have at most two decimal places (got 1E-400)");
    }

    @Test
    void option_values_are_1_to_100_characters_without_control_characters() {
        assertThat(Option.of("#FF0000", "33.3").value()).isEqualTo("#FF0000");
        assertThat(Option.of("ü".repeat(100), "1").value()).hasSize(100);
        assertThatThrownBy(() -> Option.of("", "1")).hasMessage("option value must not be empty");
        assertThatThrownBy(() -> Option.of("x".repeat(101), "1")).hasMessage("option value must be at most 100 characters (got 101)");
        assertThatThrownBy(() -> Option.of("a\nb", "1")).hasMessage("option value must not contain control characters");
        assertThatThrownBy(() -> new Option("short", null)).hasMessage("option \"short\" needs a weight");
    }

    /** Java and H2 count UTF-16 units, in which these take two each; the rule counts characters (code points). */
    @Test
    void option_values_count_characters_beyond_the_basic_plane_once() {
        String hundredEmoji = "😀🚀𝄞𠀀".repeat(25);
        assertThat(hundredEmoji).hasSize(200);

        assertThat(Option.of(hundredEmoji, "1").value()).isEqualTo(hundredEmoji);
        assertThatThrownBy(() -> Option.of(hundredEmoji + "😀", "1"))
                .hasMessage("option value must be at most 100 characters (got 101)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\ud800", "\udc00", "a\ud83d", "\ude00\ud83d", "\ud83d\ud83d", "x\udfffy"})
    void option_values_with_an_unpaired_surrogate_are_rejected(String value) {
        assertThatThrownBy(() -> Option.of(value, "1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("option value must be valid Unicode text: character ")
                .hasMessageContaining("surrogate");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uffff", "\ufffe", "a\ufdd0", "\ufdef", "\ud83f\udffe", "\udbff\udfff"})
    void option_values_with_a_unicode_non_character_are_rejected(String value) {
        assertThatThrownBy(() -> Option.of(value, "1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("option value must not contain Unicode non-characters");
    }

    @Test
    void rejected_input_is_shown_cut_at_a_whole_character_and_without_half_pairs() {
        String emoji = "😀".repeat(50);

        assertThatThrownBy(() -> ExperimentKey.of(emoji))
                .hasMessageEndingWith("(got \"" + "😀".repeat(40) + "…\")");
        assertThatThrownBy(() -> ExperimentKey.of("a\ud800b"))
                .hasMessageEndingWith("(got \"a\ufffdb\")");
    }
}
