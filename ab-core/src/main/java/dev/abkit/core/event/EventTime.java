package dev.abkit.core.event;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When an event or exposure happened, from the client's {@code at}, corrected for the client's clock
 * (issue 14, pinned). Device clocks are often wrong by minutes or years; the server's receipt time is
 * the one clock it trusts.
 * <ul>
 *   <li>No {@code at}: the receipt time.</li>
 *   <li>With a {@code Sent-At} header (the client's clock when it sent the request), {@code at} is shifted
 *       by (receipt time − {@code Sent-At}): an event 5 minutes before sending happened 5 minutes before
 *       receipt, whatever the client's clock said. Without it, {@code at} is taken as it is.</li>
 *   <li>A corrected time after the receipt time is clamped to the receipt time: nothing is counted as
 *       having happened in the future.</li>
 *   <li>A corrected time more than {@link #MAX_AGE} (30 days) before the receipt time is refused: results
 *       windows and the events' retention cannot place it, and the client must be told (400 naming the
 *       field). Exactly 30 days is accepted.</li>
 * </ul>
 */
public final class EventTime {

    /** The oldest a corrected time may be, before the receipt time. */
    public static final Duration MAX_AGE = Duration.ofDays(30);

    /**
     * The shortest time raw events may be kept: as long as an exposure may be late. An exposure reported
     * {@link #MAX_AGE} after it happened brings the device's events since then into the exposed counts (decision
     * 15); were they dropped already, the exposed results would be short for that device, silently.
     */
    public static final Duration SHORTEST_RETENTION = MAX_AGE;

    private EventTime() {
    }

    /**
     * @param at         the client's time of the event; null when it sent none
     * @param sentAt     the client's {@code Sent-At} header; null when it sent none
     * @param receivedAt when the server received the request
     * @return the corrected time, never after {@code receivedAt}
     * @throws IllegalArgumentException when the corrected time is more than 30 days before {@code receivedAt}
     */
    public static Instant corrected(Instant at, Instant sentAt, Instant receivedAt) {
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (at == null) {
            return receivedAt;
        }
        Instant corrected = sentAt == null ? at : shifted(at, Duration.between(sentAt, receivedAt));
        if (corrected == null || corrected.isAfter(receivedAt)) {
            return receivedAt;
        }
        Instant oldest = receivedAt.minus(MAX_AGE);
        if (corrected.isBefore(oldest)) {
            throw new IllegalArgumentException("time must be at most 30 days before the request is received"
                    + (sentAt == null ? "" : ", after correcting by Sent-At")
                    + " (got " + corrected + ", received " + receivedAt + ")");
        }
        return corrected;
    }

    /**
     * @return {@code retention}, if raw events kept that long are kept long enough
     * @throws IllegalArgumentException if it is shorter than {@link #SHORTEST_RETENTION}
     */
    public static Duration requireLongEnough(Duration retention) {
        Objects.requireNonNull(retention, "retention");
        if (retention.compareTo(SHORTEST_RETENTION) < 0) {
            throw new IllegalArgumentException("the event retention must be at least " + SHORTEST_RETENTION.toDays()
                    + " days, as long as an exposure may be late, so that its events are still there (got "
                    + retention + ")");
        }
        return retention;
    }

    /**
     * {@code at + shift}, or null when that is past {@link Instant#MAX} (so in the future), or
     * {@link Instant#MIN} when it is before {@code Instant.MIN} (so far too old): an absurd {@code at}
     * or {@code Sent-At} must get the rule's answer, not an arithmetic error.
     */
    private static Instant shifted(Instant at, Duration shift) {
        try {
            return at.plus(shift);
        } catch (DateTimeException | ArithmeticException outOfRange) {
            return shift.isNegative() ? Instant.MIN : null;
        }
    }
}
