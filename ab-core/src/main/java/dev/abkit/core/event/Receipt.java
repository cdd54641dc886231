package dev.abkit.core.event;

import java.time.Instant;
import java.util.Objects;

/**
 * The two clocks of one ingest request: when the server received it, and the client's {@code Sent-At}
 * header if it sent one. Every event and exposure of the request is timed against them.
 *
 * @param receivedAt the server's clock when the request arrived
 * @param sentAt     the client's clock when it sent the request; null without a {@code Sent-At} header
 */
public record Receipt(Instant receivedAt, Instant sentAt) {

    public Receipt {
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** A request without a {@code Sent-At} header: client times are taken as they are. */
    public static Receipt at(Instant receivedAt) {
        return new Receipt(receivedAt, null);
    }

    /** @see EventTime#corrected(Instant, Instant, Instant) */
    public Instant corrected(Instant at) {
        return EventTime.corrected(at, sentAt, receivedAt);
    }
}
