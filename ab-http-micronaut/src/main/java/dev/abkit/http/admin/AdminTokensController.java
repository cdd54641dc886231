package dev.abkit.http.admin;

import dev.abkit.core.auth.Permission;
import dev.abkit.core.auth.Principal;
import dev.abkit.core.auth.TokenId;
import dev.abkit.core.error.UnknownTokenException;
import dev.abkit.core.port.in.ManageTokens;
import dev.abkit.http.auth.AdminTokenFilter;
import dev.abkit.http.auth.NeedsPermission;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.List;

/**
 * {@code /api/v1/admin/tokens}: personal tokens created, listed and revoked, by admins only (issue 15). The
 * principal that {@link AdminTokenFilter} authenticated goes to the use case, which checks it again and will
 * name it in the audit trail.
 */
@Controller(AdminTokensController.PATH)
@ExecuteOn(TaskExecutors.BLOCKING)
public class AdminTokensController {

    static final String PATH = "/api/v1/admin/tokens";

    private final ManageTokens tokens;

    public AdminTokensController(ManageTokens tokens) {
        this.tokens = tokens;
    }

    @NeedsPermission(Permission.MANAGE_TOKENS)
    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<CreatedTokenJson> create(@RequestAttribute(AdminTokenFilter.PRINCIPAL) Principal actor,
                                                 @Body NewTokenJson body) {
        CreatedTokenJson created = CreatedTokenJson.from(tokens.create(actor, body.toDomain()));
        return HttpResponse.status(HttpStatus.CREATED).body(created);
    }

    @NeedsPermission(Permission.MANAGE_TOKENS)
    @Get(produces = MediaType.APPLICATION_JSON)
    public List<TokenJson> list(@RequestAttribute(AdminTokenFilter.PRINCIPAL) Principal actor) {
        return tokens.list(actor).stream().map(TokenJson::from).toList();
    }

    @NeedsPermission(Permission.MANAGE_TOKENS)
    @Post(uri = "/{id}/revoke", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public TokenJson revoke(@RequestAttribute(AdminTokenFilter.PRINCIPAL) Principal actor, @PathVariable String id) {
        return TokenJson.from(tokens.revoke(actor, existingId(id)));
    }

    /** An id that cannot be valid names no token: 404, as for any unknown id. */
    private static TokenId existingId(String id) {
        try {
            return TokenId.of(id);
        } catch (IllegalArgumentException e) {
            throw new UnknownTokenException(id);
        }
    }
}
