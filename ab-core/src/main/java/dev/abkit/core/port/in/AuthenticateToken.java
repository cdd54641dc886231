package dev.abkit.core.port.in;

import dev.abkit.core.auth.Authentication;

/**
 * Who presents this token: the bootstrap admin ({@code AB_ADMIN_TOKEN}), the holder of a personal
 * token that is neither expired nor revoked, or the reason it is refused. Asks the store each time
 * (decision 16), so it blocks: call it off an event loop.
 */
public interface AuthenticateToken {

    /** @param presented the token as the request carries it; {@code null} when it carries none */
    Authentication authenticate(String presented);
}
