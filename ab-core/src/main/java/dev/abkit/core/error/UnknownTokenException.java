package dev.abkit.core.error;

/** A token id that names no personal token (HTTP: 404). */
public final class UnknownTokenException extends RuntimeException {

    /** @param id the id as the caller wrote it */
    public UnknownTokenException(String id) {
        super("there is no token with the id \"" + id + "\"");
    }
}
