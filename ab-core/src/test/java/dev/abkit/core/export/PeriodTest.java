package dev.abkit.core.export;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeriodTest {

    private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-02T00:00:00Z");

    @Test
    void a_period_holds_its_start_and_not_its_end() {
        Period period = new Period(Optional.of(FROM), Optional.of(TO));

        assertThat(period.contains(FROM)).isTrue();
        assertThat(period.contains(TO.minusNanos(1_000))).isTrue();
        assertThat(period.contains(TO)).isFalse();
        assertThat(period.contains(FROM.minusNanos(1_000))).isFalse();
    }

    @Test
    void an_open_end_is_unbounded_on_that_side() {
        assertThat(new Period(Optional.empty(), Optional.of(TO)).contains(Instant.EPOCH)).isTrue();
        assertThat(new Period(Optional.of(FROM), Optional.empty()).contains(Instant.parse("2100-01-01T00:00:00Z"))).isTrue();
        assertThat(Period.ALWAYS.contains(Instant.MIN)).isTrue();
    }

    @Test
    void a_month_is_its_calendar_month_in_utc_and_consecutive_months_share_no_instant() {
        Period november = Period.month(YearMonth.of(2026, 11));
        Period december = Period.month(YearMonth.of(2026, 12));

        assertThat(november.from()).contains(FROM);
        assertThat(november.to()).contains(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(november.contains(Instant.parse("2026-11-30T23:59:59.999999Z"))).isTrue();
        assertThat(november.contains(Instant.parse("2026-12-01T00:00:00Z"))).isFalse();
        assertThat(december.contains(Instant.parse("2026-12-01T00:00:00Z"))).isTrue();
        assertThat(Period.month(YearMonth.of(2028, 2)).to()).contains(Instant.parse("2028-03-01T00:00:00Z"));
    }

    @Test
    void a_period_that_does_not_start_before_its_end_is_refused() {
        assertThatThrownBy(() -> new Period(Optional.of(TO), Optional.of(FROM)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must come before");
        assertThatThrownBy(() -> new Period(Optional.of(FROM), Optional.of(FROM)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
