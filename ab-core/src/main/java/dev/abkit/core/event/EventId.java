package dev.abkit.core.event;

import dev.abkit.core.model.VisibleAscii;

/**
 * The client's idempotency key for one event: 1-100 visible ASCII characters. A retry that sends the
 * same id for the same device stores nothing twice.
 */
public record EventId(String value) {

    public static final int MAX_LENGTH = 100;

    public EventId {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("event id is required: 1-" + MAX_LENGTH + " visible ASCII characters");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "event id must be at most " + MAX_LENGTH + " characters (got " + value.length() + ")");
        }
        VisibleAscii.require(value, "event id");
    }

    public static EventId of(String value) {
        return new EventId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
