package dev.abkit.core.port.in;

import dev.abkit.core.auth.PersonalToken;
import dev.abkit.core.auth.Principal;
import dev.abkit.core.auth.TokenId;

import java.util.List;

/**
 * Personal tokens, administered: created, listed and revoked, by an actor whose role holds
 * {@code MANAGE_TOKENS} (admin only), else {@code PermissionDeniedException}.
 */
public interface ManageTokens {

    CreatedToken create(Principal actor, NewToken token);

    /** Every token, oldest first; revoked and expired ones too. */
    List<PersonalToken> list(Principal actor);

    /**
     * Revokes the token from now on, everywhere; revoking it again changes nothing.
     * @throws dev.abkit.core.error.UnknownTokenException if there is no such token
     */
    PersonalToken revoke(Principal actor, TokenId id);
}
