package dev.abkit.core.event;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The value objects of an event, each rule at its edges; the character rules over every allowed character. */
class EventValuesTest {

    private static final String VISIBLE_ASCII = IntStream.rangeClosed('!', '~')
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    private static final String METRIC_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789_.";

    @Test
    void every_visible_ascii_character_is_accepted_in_an_event_id_alone_and_together() {
        assertThat(VISIBLE_ASCII).hasSize(94);
        for (char c : VISIBLE_ASCII.toCharArray()) {
            assertThat(EventId.of(String.valueOf(c)).value()).isEqualTo(String.valueOf(c));
        }
        assertThat(EventId.of(VISIBLE_ASCII).value()).isEqualTo(VISIBLE_ASCII);
        assertThat(EventId.of(VISIBLE_ASCII + "abcdef").value()).hasSize(100);
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "a b", "tab\t", "new\nline", "\u0000", "\u007f", "é", "ключ", "😀", "\u00a0"})
    void event_ids_with_spaces_control_or_non_ascii_characters_are_refused_saying_which(String id) {
        assertThatThrownBy(() -> EventId.of(id))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("event id must be visible ASCII characters only, without spaces (character ");
    }

    @Test
    void event_ids_that_are_missing_empty_or_longer_than_100_are_refused() {
        assertThatThrownBy(() -> EventId.of(null)).hasMessage("event id is required: 1-100 visible ASCII characters");
        assertThatThrownBy(() -> EventId.of("")).hasMessage("event id is required: 1-100 visible ASCII characters");
        assertThatThrownBy(() -> EventId.of("x".repeat(101))).hasMessage("event id must be at most 100 characters (got 101)");
        assertThatThrownBy(() -> EventId.of("ok?\u00e9")).hasMessageEndingWith("(character 4 is not)");
    }

    @Test
    void every_allowed_character_is_accepted_in_a_metric_name_alone_and_at_64() {
        for (char c : METRIC_CHARACTERS.toCharArray()) {
            assertThat(MetricName.of(String.valueOf(c)).value()).isEqualTo(String.valueOf(c));
        }
        assertThat(MetricName.of("checkout.completed_2").value()).isEqualTo("checkout.completed_2");
        assertThat(MetricName.of("a".repeat(64)).value()).hasSize(64);
    }

    /** Every visible ASCII character outside the set, and a few beyond ASCII, refused alone and inside a valid name. */
    @Test
    void every_other_character_is_refused_in_a_metric_name_with_the_rule() {
        String forbidden = VISIBLE_ASCII.chars().filter(c -> METRIC_CHARACTERS.indexOf(c) < 0)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                + " \t\n\u0000\u007fé\u00a0ı\u212a";
        assertThat(forbidden).contains("A", "Z", "-", "/", " ", "K");
        forbidden.codePoints().forEach(c -> {
            String alone = Character.toString(c);
            assertThatThrownBy(() -> MetricName.of(alone)).as("U+%04X", c)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("metric name must be 1-64 characters of a-z, 0-9, _ and . (got ");
            assertThatThrownBy(() -> MetricName.of("purchase" + alone + "x")).as("U+%04X inside", c)
                    .isInstanceOf(IllegalArgumentException.class);
        });
    }

    @Test
    void metric_names_that_are_missing_empty_or_longer_than_64_are_refused() {
        assertThatThrownBy(() -> MetricName.of(null)).hasMessageEndingWith("(got nothing)");
        assertThatThrownBy(() -> MetricName.of("")).hasMessageEndingWith("(got \"\")");
        assertThatThrownBy(() -> MetricName.of("a".repeat(65))).hasMessageStartingWith("metric name must be 1-64");
    }

    /** Random names over allowed and forbidden characters get the verdict of the issue's expression. */
    @Test
    void metric_names_get_the_verdict_of_the_issues_expression() {
        Pattern issue = Pattern.compile("[a-z0-9_.]{1,64}");
        String pool = METRIC_CHARACTERS + METRIC_CHARACTERS + "A-Z é";
        Random random = new Random(14);
        int valid = 0;
        for (int i = 0; i < 20_000; i++) {
            int length = random.nextInt(70);
            StringBuilder name = new StringBuilder();
            for (int j = 0; j < length; j++) {
                name.append(pool.charAt(random.nextInt(pool.length())));
            }
            String candidate = name.toString();
            boolean matches = issue.matcher(candidate).matches();
            boolean accepted;
            try {
                MetricName.of(candidate);
                accepted = true;
            } catch (IllegalArgumentException refused) {
                accepted = false;
            }
            assertThat(accepted).as(candidate).isEqualTo(matches);
            valid += matches ? 1 : 0;
        }
        assertThat(valid).as("valid names among the candidates").isBetween(500, 19_500);
    }

    @Test
    void event_values_are_numbers_up_to_1e15_either_way() {
        assertThat(EventValue.of(9.99).amount()).isEqualTo(9.99);
        assertThat(EventValue.of(-12.5).amount()).isEqualTo(-12.5);
        assertThat(EventValue.of(1e15).amount()).isEqualTo(1e15);
        assertThat(EventValue.of(-1e15).amount()).isEqualTo(-1e15);
        assertThat(EventValue.of(Double.MIN_VALUE).amount()).isEqualTo(Double.MIN_VALUE);
        assertThat(EventValue.of(0.0).amount()).isZero();
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE,
            -Double.MAX_VALUE, 1e200, 1.0000000000000002e15, -1.0000000000000002e15})
    void event_values_beyond_1e15_or_not_finite_are_refused(double amount) {
        assertThatThrownBy(() -> EventValue.of(amount))
                .hasMessage("event value must be a number from -1e15 to 1e15 (got " + amount + ")");
    }

    /** 4 KiB is 4,096 bytes of UTF-8, whatever the characters: one, two, three and four bytes each. */
    @ParameterizedTest
    @ValueSource(strings = {"a", "é", "€", "😀"})
    void properties_of_exactly_4_kib_in_utf8_are_accepted_and_one_character_more_refused(String character) {
        int bytesEach = character.getBytes(StandardCharsets.UTF_8).length;
        String fits = character.repeat(4096 / bytesEach) + "a".repeat(4096 % bytesEach);
        assertThat(fits.getBytes(StandardCharsets.UTF_8)).hasSize(4096);

        assertThat(EventProperties.of(fits).json()).isEqualTo(fits);
        assertThatThrownBy(() -> EventProperties.of(fits + character))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("event properties must be at most 4096 bytes of UTF-8 JSON (got " + (4096 + bytesEach) + ")");
    }

    @Test
    void properties_are_measured_in_utf8_bytes_not_characters() {
        String text = "{\"plan\":\"größe 😀 €\",\"n\":1}";
        assertThat(EventProperties.utf8Length(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        assertThat(EventProperties.utf8Length("")).isZero();
        assertThatThrownBy(() -> EventProperties.of(null)).hasMessage("event properties must be a JSON object");
    }
}
