package dev.abkit.core.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What a presented token turned out to be: a principal, or the reason it is refused (HTTP: 401). */
public sealed interface Authentication {

    /**
     * @param expiresAt when the presented token stops working, if it ever does: a browser session built on it
     *                  (the admin console's cookie, decision 20) must not outlive it
     */
    record Authenticated(Principal principal, Optional<Instant> expiresAt) implements Authentication {
        public Authenticated {
            Objects.requireNonNull(principal, "principal");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        /** A token that never expires, as the bootstrap admin's. */
        public Authenticated(Principal principal) {
            this(principal, Optional.empty());
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
