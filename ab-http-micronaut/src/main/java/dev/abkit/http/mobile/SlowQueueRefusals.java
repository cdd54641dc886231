package dev.abkit.http.mobile;

/**
 * Hears each mobile request refused because no database thread started it within
 * {@code abkit.max-queue-wait}, for an operator's metrics (the server counts it). Called on a timer
 * thread; must not block.
 */
@FunctionalInterface
public interface SlowQueueRefusals {

    /** Hears nothing: where no bean of this type exists. */
    SlowQueueRefusals NONE = () -> {
    };

    void refused();
}
