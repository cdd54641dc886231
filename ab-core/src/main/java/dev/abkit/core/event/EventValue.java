package dev.abkit.core.event;

/**
 * The number an event carries, such as a purchase's revenue, summed per device for a value metric's
 * mean. Finite only: one NaN or infinity would make every mean and interval of its option meaningless.
 */
public record EventValue(double amount) {

    public EventValue {
        if (!Double.isFinite(amount)) {
            throw new IllegalArgumentException("event value must be a finite number (got " + amount + ")");
        }
    }

    public static EventValue of(double amount) {
        return new EventValue(amount);
    }
}
