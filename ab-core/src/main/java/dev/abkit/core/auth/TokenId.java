package dev.abkit.core.auth;

import java.util.Objects;
import java.util.UUID;

/** A personal token's public identity: what lists show and what revocation names. Never the secret. */
public record TokenId(UUID value) {

    public TokenId {
        Objects.requireNonNull(value, "token id");
    }

    /** The id of its text form; refuses anything but a UUID. */
    public static TokenId of(String text) {
        try {
            return new TokenId(UUID.fromString(Objects.requireNonNull(text, "token id")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be a token id as the token list shows it (a UUID), got \"" + text + "\"");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
