package dev.abkit.core.port.in;

import dev.abkit.core.auth.PersonalToken;

import java.util.Objects;

/** A token just created, with its secret: the one time the secret exists outside its holder's hands. */
public record CreatedToken(PersonalToken token, String secret) {

    public CreatedToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(secret, "secret");
    }

    /** Never the secret: this object may end up in logs and debuggers. */
    @Override
    public String toString() {
        return "CreatedToken[" + token.id() + ", " + token.name() + ", secret hidden]";
    }
}
