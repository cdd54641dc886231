package dev.abkit.core.error;

import dev.abkit.core.auth.TokenId;

/** A token id that names no personal token (HTTP: 404). */
public final class UnknownTokenException extends RuntimeException {

    public UnknownTokenException(TokenId id) {
        super("there is no token with the id " + id);
    }
}
