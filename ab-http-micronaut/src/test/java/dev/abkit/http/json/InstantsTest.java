package dev.abkit.http.json;

import dev.abkit.http.problem.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Instants on the wire: any offset in, UTC out, kept to the microsecond; anything else names its field. */
class InstantsTest {

    @Test
    void an_instant_with_any_offset_is_the_same_instant_as_in_utc() {
        assertThat(Instants.parse("at", "2026-12-24T19:00:00+01:00")).isEqualTo(Instant.parse("2026-12-24T18:00:00Z"));
        assertThat(Instants.parse("at", "2026-12-24T13:00:00-05:00")).isEqualTo(Instant.parse("2026-12-24T18:00:00Z"));
        assertThat(Instants.format(Instants.parse("at", "2026-12-24T19:00:00+01:00"))).isEqualTo("2026-12-24T18:00:00Z");
    }

    @Test
    void digits_finer_than_a_microsecond_are_dropped() {
        assertThat(Instants.parse("at", "2026-12-24T18:00:00.123456789Z")).isEqualTo(Instant.parse("2026-12-24T18:00:00.123456Z"));
    }

    @Test
    void text_without_an_offset_or_not_an_instant_is_refused_naming_the_field() {
        for (String text : new String[]{"2026-12-24T18:00:00", "2026-12-24", "yesterday"}) {
            assertThatThrownBy(() -> Instants.parse("events[3].at", text))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("events[3].at"))
                    .hasMessageContaining("with its offset");
        }
    }
}
