package dev.abkit.http.auth;

import dev.abkit.core.auth.Authentication;
import dev.abkit.core.auth.AuthorizationHeader;
import dev.abkit.core.auth.Permission;
import dev.abkit.core.auth.PermissionDeniedException;
import dev.abkit.core.auth.Principal;
import dev.abkit.core.auth.Role;
import dev.abkit.core.port.in.AuthenticateToken;
import dev.abkit.http.problem.Problems;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterPatternStyle;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteMatch;

import java.util.Optional;

/**
 * Guards the admin API: {@code Authorization: Bearer <token>}, the bootstrap {@code AB_ADMIN_TOKEN} or a
 * personal token, else a 401 problem with a Bearer challenge; a role without the permission the route
 * declares ({@link NeedsPermission}) gets a 403 problem naming the roles that have it. The principal is
 * left in the request attribute {@link #PRINCIPAL} for the use cases that record who acted.
 * Authenticating reads the token store, so it runs on the blocking executor.
 */
@ServerFilter(patterns = AdminTokenFilter.ADMIN_API, patternStyle = FilterPatternStyle.REGEX)
public final class AdminTokenFilter {

    /**
     * The admin API with everything below it, as a regular expression rather than Ant patterns:
     * Micronaut matches every request, the mobile ones too, against a filter's patterns, and it
     * compiles a regular expression once but tokenises Ant patterns anew each time.
     */
    static final String ADMIN_API = "^/api/v1/admin(?:/.*)?$";

    /** The request attribute that holds the authenticated {@link Principal}. */
    public static final String PRINCIPAL = "abkit.principal";

    private static final String CHALLENGE = "Bearer realm=\"abkit\"";

    private final AuthenticateToken authenticate;

    public AdminTokenFilter(AuthenticateToken authenticate) {
        this.authenticate = authenticate;
    }

    /** @return {@code null} to let an authenticated and permitted request through, else the 401 or 403 problem */
    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public HttpResponse<?> authenticate(HttpRequest<?> request) {
        Authentication authentication = authenticate.authenticate(
                AuthorizationHeader.bearerToken(request.getHeaders().get(HttpHeaders.AUTHORIZATION)));
        if (!(authentication instanceof Authentication.Authenticated authenticated)) {
            return unauthorized((Authentication.Refused) authentication);
        }
        Principal principal = authenticated.principal();
        // A path without a route goes on to its 404 for anyone signed in.
        Optional<RouteMatch<?>> route = RouteAttributes.getRouteMatch(request);
        if (route.isPresent()) {
            Optional<Permission> declared = route.get().getAnnotationMetadata()
                    .enumValue(NeedsPermission.class, Permission.class);
            if (declared.isPresent() && !principal.may(declared.get())) {
                return Problems.forbidden(PermissionDeniedException.detail(principal, declared.get()));
            }
            if (declared.isEmpty() && principal.role() != Role.ADMIN) {
                return Problems.forbidden("this path declares no permission, so it is for the role admin only; the token \""
                        + principal.name() + "\" has the role " + principal.role().wireName());
            }
        }
        request.setAttribute(PRINCIPAL, principal);
        return null;
    }

    /**
     * The check of a path guarded like the admin API with one permission for all of it (the server's
     * {@code /metrics}): {@code null} when the request's Bearer token holds {@code permission}, else the
     * 401 or 403 problem. Blocking: call it from a filter on the blocking executor.
     */
    @Nullable
    public static HttpResponse<?> bearerChecked(AuthenticateToken authenticate, Permission permission,
                                                HttpRequest<?> request) {
        Authentication authentication = authenticate.authenticate(
                AuthorizationHeader.bearerToken(request.getHeaders().get(HttpHeaders.AUTHORIZATION)));
        if (!(authentication instanceof Authentication.Authenticated authenticated)) {
            return unauthorized((Authentication.Refused) authentication);
        }
        return authenticated.principal().may(permission) ? null
                : Problems.forbidden(PermissionDeniedException.detail(authenticated.principal(), permission));
    }

    private static HttpResponse<?> unauthorized(Authentication.Refused refused) {
        return Problems.unauthorized(CHALLENGE, refused.reason() == Authentication.Reason.MISSING
                ? "this path needs a token: Authorization: Bearer <token>, a personal token or AB_ADMIN_TOKEN"
                : refused.reason().explanation());
    }
}
