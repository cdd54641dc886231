package dev.abkit.server;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

/** AB_LOG_FORMAT is text or json; anything else stops the start with one line naming it. */
class LogFormatSettingTest {

    @Test
    void text_and_json_are_accepted() {
        assertThatCode(() -> new LogFormatSetting("text")).doesNotThrowAnyException();
        assertThatCode(() -> new LogFormatSetting("json")).doesNotThrowAnyException();
    }

    @Test
    void any_other_format_is_a_configuration_mistake_naming_AB_LOG_FORMAT() {
        Throwable refused = catchThrowable(() -> new LogFormatSetting("JSON"));

        assertThat(ConfigurationMistakes.explain(refused)).hasValueSatisfying(line ->
                assertThat(line).contains("AB_LOG_FORMAT is JSON").contains("text or json"));
    }
}
