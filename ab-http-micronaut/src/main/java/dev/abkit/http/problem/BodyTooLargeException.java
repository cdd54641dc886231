package dev.abkit.http.problem;

/** A request body over the limit of the operation that reads it: 413, nothing of it was used. */
public final class BodyTooLargeException extends RuntimeException {

    public BodyTooLargeException(int maxBytes) {
        super("the request body is over " + maxBytes + " bytes, the most this operation takes", null, false, false);
    }
}
