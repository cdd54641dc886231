package dev.abkit.http.auth;

import dev.abkit.core.auth.AdminToken;
import dev.abkit.core.auth.AuthorizationHeader;
import dev.abkit.http.problem.Problems;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterPatternStyle;

/**
 * Guards the admin API: {@code Authorization: Bearer <token>} or a 401 problem with a Bearer
 * challenge. Runs before routing, so an unauthenticated caller learns nothing, not even whether a
 * path exists. Other adapters guard their own paths.
 */
@ServerFilter(patterns = AdminTokenFilter.ADMIN_API, patternStyle = FilterPatternStyle.REGEX)
public final class AdminTokenFilter {

    /**
     * The admin API with everything below it, as a regular expression rather than Ant patterns:
     * Micronaut matches every request, the mobile ones too, against a filter's patterns, and it
     * compiles a regular expression once but tokenises Ant patterns anew each time.
     */
    static final String ADMIN_API = "^/api/v1/admin(?:/.*)?$";

    private final AdminToken token;

    public AdminTokenFilter(AdminToken token) {
        this.token = token;
    }

    /** @return {@code null} to let an authenticated request through, else the 401 problem */
    @RequestFilter
    @Nullable
    public HttpResponse<?> authenticate(HttpRequest<?> request) {
        return bearerChecked(token, request);
    }

    /**
     * The admin token's check as Bearer, for every path guarded like the admin API (the server's
     * {@code /metrics} too): {@code null} when the request carries the token, else the 401 problem.
     */
    @Nullable
    public static HttpResponse<?> bearerChecked(AdminToken token, HttpRequest<?> request) {
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (token.matches(AuthorizationHeader.bearerToken(authorization))) {
            return null;
        }
        return Problems.unauthorized("Bearer realm=\"abkit\"", authorization == null
                ? "this path needs the admin token: Authorization: Bearer <AB_ADMIN_TOKEN>"
                : "the admin token is wrong");
    }
}
