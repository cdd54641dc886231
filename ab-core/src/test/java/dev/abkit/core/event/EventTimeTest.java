package dev.abkit.core.event;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventTimeTest {

    private static final Instant RECEIVED = Instant.parse("2026-12-02T12:00:00Z");
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private static final Duration ONE_MICROSECOND = Duration.ofNanos(1_000);

    @Test
    void an_event_without_at_is_timed_when_received_with_or_without_sent_at() {
        assertThat(EventTime.corrected(null, null, RECEIVED)).isEqualTo(RECEIVED);
        assertThat(EventTime.corrected(null, RECEIVED.minus(Duration.ofHours(3)), RECEIVED)).isEqualTo(RECEIVED);
    }

    @Test
    void without_sent_at_the_clients_time_is_taken_as_it_is() {
        assertThat(EventTime.corrected(RECEIVED.minus(FIVE_MINUTES), null, RECEIVED))
                .isEqualTo(RECEIVED.minus(FIVE_MINUTES));
    }

    @Test
    void exactly_30_days_before_receipt_is_accepted() {
        Instant thirtyDaysBefore = RECEIVED.minus(Duration.ofDays(30));

        assertThat(EventTime.corrected(thirtyDaysBefore, null, RECEIVED)).isEqualTo(thirtyDaysBefore);
    }

    @Test
    void one_microsecond_more_than_30_days_before_receipt_is_refused_saying_the_limit() {
        Instant tooOld = RECEIVED.minus(Duration.ofDays(30)).minus(ONE_MICROSECOND);

        assertThatThrownBy(() -> EventTime.corrected(tooOld, null, RECEIVED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("time must be at most 30 days before the request is received"
                        + " (got 2026-11-02T11:59:59.999999Z, received 2026-12-02T12:00:00Z)");
    }

    @Test
    void a_time_one_nanosecond_in_the_future_is_clamped_to_the_receipt_time() {
        assertThat(EventTime.corrected(RECEIVED.plusNanos(1), null, RECEIVED)).isEqualTo(RECEIVED);
        assertThat(EventTime.corrected(RECEIVED, null, RECEIVED)).isEqualTo(RECEIVED);
        assertThat(EventTime.corrected(RECEIVED.minusNanos(1), null, RECEIVED)).isEqualTo(RECEIVED.minusNanos(1));
    }

    @Test
    void a_client_clock_behind_the_server_is_corrected_by_sent_at() {
        Instant sentAt = RECEIVED.minus(Duration.ofHours(1));

        assertThat(EventTime.corrected(sentAt.minus(FIVE_MINUTES), sentAt, RECEIVED))
                .isEqualTo(RECEIVED.minus(FIVE_MINUTES));
    }

    @Test
    void a_client_clock_ahead_of_the_server_is_corrected_by_sent_at() {
        Instant sentAt = RECEIVED.plus(Duration.ofDays(400));

        assertThat(EventTime.corrected(sentAt.minus(FIVE_MINUTES), sentAt, RECEIVED))
                .isEqualTo(RECEIVED.minus(FIVE_MINUTES));
    }

    @Test
    void a_sent_at_equal_to_the_receipt_time_changes_nothing() {
        assertThat(EventTime.corrected(RECEIVED.minus(FIVE_MINUTES), RECEIVED, RECEIVED))
                .isEqualTo(RECEIVED.minus(FIVE_MINUTES));
    }

    @Test
    void an_event_the_client_times_after_sending_is_clamped_to_the_receipt_time() {
        Instant sentAt = RECEIVED.plus(Duration.ofHours(2));

        assertThat(EventTime.corrected(sentAt.plusNanos(1), sentAt, RECEIVED)).isEqualTo(RECEIVED);
    }

    /** A client clock 10 days slow: its "40 days ago" is 30 days before receipt, so the limit applies after correcting. */
    @Test
    void the_30_day_limit_applies_to_the_corrected_time() {
        Instant sentAt = RECEIVED.minus(Duration.ofDays(10));
        Instant fortyDaysBefore = RECEIVED.minus(Duration.ofDays(40));

        assertThat(EventTime.corrected(fortyDaysBefore, sentAt, RECEIVED)).isEqualTo(RECEIVED.minus(Duration.ofDays(30)));
        assertThatThrownBy(() -> EventTime.corrected(fortyDaysBefore.minus(ONE_MICROSECOND), sentAt, RECEIVED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("time must be at most 30 days before the request is received, after correcting by Sent-At");
        assertThatThrownBy(() -> EventTime.corrected(RECEIVED.minus(Duration.ofDays(25)), RECEIVED.plus(Duration.ofDays(6)), RECEIVED))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void times_beyond_the_range_of_instants_get_the_rules_answer_not_an_arithmetic_error() {
        assertThat(EventTime.corrected(Instant.MAX, RECEIVED.minus(Duration.ofDays(1)), RECEIVED)).isEqualTo(RECEIVED);
        assertThat(EventTime.corrected(Instant.MAX, null, RECEIVED)).isEqualTo(RECEIVED);
        assertThatThrownBy(() -> EventTime.corrected(Instant.MIN, RECEIVED.plus(Duration.ofDays(1)), RECEIVED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("30 days");
        assertThatThrownBy(() -> EventTime.corrected(Instant.MIN, null, RECEIVED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("30 days");
        assertThat(EventTime.corrected(RECEIVED.minus(FIVE_MINUTES), Instant.MIN, RECEIVED)).isEqualTo(RECEIVED);
        assertThatThrownBy(() -> EventTime.corrected(RECEIVED, Instant.MAX, RECEIVED))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_receipt_carries_its_sent_at_into_the_correction() {
        Instant sentAt = RECEIVED.minus(Duration.ofHours(1));

        assertThat(new Receipt(RECEIVED, sentAt).corrected(sentAt.minus(FIVE_MINUTES))).isEqualTo(RECEIVED.minus(FIVE_MINUTES));
        assertThat(Receipt.at(RECEIVED).corrected(null)).isEqualTo(RECEIVED);
        assertThatThrownBy(() -> new Receipt(null, sentAt)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void events_are_kept_at_least_as_long_as_an_exposure_may_be_late() {
        assertThat(EventTime.requireLongEnough(Duration.ofDays(30))).isEqualTo(EventTime.MAX_AGE);
        assertThat(EventTime.requireLongEnough(Duration.ofDays(180))).isEqualTo(Duration.ofDays(180));
        assertThatThrownBy(() -> EventTime.requireLongEnough(Duration.ofDays(30).minusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 30 days");
        assertThatThrownBy(() -> EventTime.requireLongEnough(Duration.ofHours(36)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
