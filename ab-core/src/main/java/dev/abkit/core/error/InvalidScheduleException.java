package dev.abkit.core.error;

import dev.abkit.core.model.ExperimentKey;

/**
 * A start or end instant that cannot be carried out: in the past, or an end not after the start.
 * {@code field} names it as the admin API does ({@code startAt}, {@code endAt}).
 */
public final class InvalidScheduleException extends ExperimentException {

    private final String field;

    public InvalidScheduleException(ExperimentKey key, String field, String message) {
        super(key, message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
