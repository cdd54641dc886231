package dev.abkit.http.problem;

/** The request names an experiment that cannot exist (its key is not even valid): 404. */
public final class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message, null, false, false);
    }
}
