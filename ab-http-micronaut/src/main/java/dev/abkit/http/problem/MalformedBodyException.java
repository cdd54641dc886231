package dev.abkit.http.problem;

/** A body of the wrong shape found by an adapter's own reading (not the decoder's); {@code field} names where. */
public final class MalformedBodyException extends RuntimeException {

    private final String field;

    public MalformedBodyException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
