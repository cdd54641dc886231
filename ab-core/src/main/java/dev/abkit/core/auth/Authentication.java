package dev.abkit.core.auth;

import java.util.Objects;

/** What a presented token turned out to be: a principal, or the reason it is refused (HTTP: 401). */
public sealed interface Authentication {

    record Authenticated(Principal principal) implements Authentication {
        public Authenticated {
            Objects.requireNonNull(principal, "principal");
        }
    }

    record Refused(Reason reason) implements Authentication {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }

    enum Reason {
        /** No token presented. */
        MISSING("no token was presented"),
        /** Neither the bootstrap token nor a personal one of this store. */
        UNKNOWN("the token is not known"),
        EXPIRED("the token has expired"),
        REVOKED("the token was revoked");

        private final String explanation;

        Reason(String explanation) {
            this.explanation = explanation;
        }

        /** What a refused caller reads, the same in every adapter. */
        public String explanation() {
            return explanation;
        }
    }
}
