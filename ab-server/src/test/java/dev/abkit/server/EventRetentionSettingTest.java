package dev.abkit.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * AB_EVENTS_RETENTION is days or an ISO-8601 duration of at least 30 days (as long as an exposure may be late);
 * anything else stops the start with one line.
 */
class EventRetentionSettingTest {

    @Test
    void days_and_durations_are_accepted() {
        assertThat(new EventRetentionSetting("180").retention()).isEqualTo(Duration.ofDays(180));
        assertThat(new EventRetentionSetting(" 30 ").retention()).isEqualTo(Duration.ofDays(30));
        assertThat(new EventRetentionSetting("P90D").retention()).isEqualTo(Duration.ofDays(90));
        assertThat(new EventRetentionSetting("PT720H").retention()).isEqualTo(Duration.ofDays(30));
        assertThat(new EventRetentionSetting("36500").retention()).isEqualTo(EventRetentionSetting.LONGEST);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "P0D", "-P1D", "six months", "180d", "", "29", "PT36H", "P29DT23H59M59S", "36501",
            "P400000000000D"})
    void anything_else_is_a_configuration_mistake_naming_AB_EVENTS_RETENTION(String value) {
        Throwable refused = catchThrowable(() -> new EventRetentionSetting(value));

        assertThat(ConfigurationMistakes.explain(refused)).hasValueSatisfying(line ->
                assertThat(line).contains("AB_EVENTS_RETENTION is " + value.strip()).contains("P180D").contains("at least 30 days"));
    }
}
