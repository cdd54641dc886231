package dev.abkit.core.event;

/**
 * The number an event carries, such as a purchase's revenue, summed per device for a value metric's mean.
 *
 * <p>Finite and at most {@link #LIMIT} either way. A NaN or infinity would make every mean and interval of its
 * option meaningless; so would a finite number whose square is not: the results keep the sum of squares of each
 * device's total, and from about 1.3e154 that square overflows to infinity, for ever, since counters only grow. A
 * thousand million million (in any currency's smallest unit) leaves room for any real amount, and for so many events
 * per device that their totals' squares stay finite.
 */
public record EventValue(double amount) {

    /** The largest magnitude accepted: 10¹⁵. */
    public static final double LIMIT = 1e15;

    public EventValue {
        if (!Double.isFinite(amount) || Math.abs(amount) > LIMIT) {
            throw new IllegalArgumentException("event value must be a number from -1e15 to 1e15 (got " + amount + ")");
        }
    }

    public static EventValue of(double amount) {
        return new EventValue(amount);
    }
}
