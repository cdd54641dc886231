package dev.abkit.http.json;

import dev.abkit.core.model.StorableYears;
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

    @Test
    void years_0001_to_9999_are_read_and_expanded_years_refused_naming_the_field() {
        assertThat(Instants.parse("to", "0001-01-01T00:00:00Z")).isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
        assertThat(Instants.parse("to", "9999-12-31T23:59:59.999999Z")).isEqualTo(Instant.parse("9999-12-31T23:59:59.999999Z"));
        for (String text : new String[]{"+999999999-12-31T13:00:00Z", "+300000-01-01T12:30:00Z", "+10000-01-01T00:00:00Z",
                "-0001-12-31T23:59:59Z", "0001-01-01T00:00:00+01:00"}) {
            assertThatThrownBy(() -> Instants.parse("to", text))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("to"))
                    .hasMessageContaining(StorableYears.RULE + " (got " + text + ")");
        }
    }
}
