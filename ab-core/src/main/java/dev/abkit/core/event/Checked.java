package dev.abkit.core.event;

import dev.abkit.core.error.InvalidEventException;

import java.util.function.Supplier;

/** Turns a value object's refusal into one that names the request's field, for the batches. */
final class Checked {

    private Checked() {
    }

    static <T> T field(String field, Supplier<T> validated) {
        try {
            return validated.get();
        } catch (IllegalArgumentException invalid) {
            throw new InvalidEventException(field, invalid.getMessage());
        }
    }
}
