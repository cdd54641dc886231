package dev.abkit.http.mobile;

import dev.abkit.core.model.Assignment;
import dev.abkit.core.model.ExperimentKey;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FlatJsonTest {

    @Test
    void writes_keys_in_the_given_order() {
        assertThat(FlatJson.of(List.of(
                new Assignment(ExperimentKey.of("button_color"), "#00FF00"),
                new Assignment(ExperimentKey.of("price"), "10"))))
                .isEqualTo("{\"button_color\":\"#00FF00\",\"price\":\"10\"}");
    }

    @Test
    void no_experiments_is_an_empty_object() {
        assertThat(FlatJson.of(List.of())).isEqualTo("{}");
    }

    @Test
    void escapes_what_json_needs_escaped_and_keeps_unicode() {
        assertThat(FlatJson.of(List.of(new Assignment(ExperimentKey.of("copy"), "say \"hi\" \\ größer \u2028 ✓"))))
                .isEqualTo("{\"copy\":\"say \\\"hi\\\" \\\\ größer \\u2028 ✓\"}");
    }
}
