package dev.abkit.stats;

import dev.abkit.core.auth.AdminToken;
import dev.abkit.core.auth.AuthorizationHeader;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterPatternStyle;

/**
 * Guards the statistics page and its JSON twin with the admin token: {@code Bearer <token>}, or HTTP
 * Basic with any user name and the token as password, so that a browser can open the page; else a
 * 401 problem whose Basic challenge makes a browser ask for them. Runs before routing, so an
 * unauthenticated caller learns nothing, not even whether a path exists.
 */
@ServerFilter(patterns = StatsTokenFilter.STATISTICS, patternStyle = FilterPatternStyle.REGEX)
public final class StatsTokenFilter {

    /**
     * {@code /stats} and {@code /api/v1/stats}, each with everything below it. A regular expression
     * because Micronaut matches every request, the mobile ones too, against every filter's patterns:
     * it compiles a regular expression once, but tokenises Ant patterns anew each time. The mobile
     * path fails this one within its first nine characters.
     */
    static final String STATISTICS = "^/(?:api/v1/)?stats(?:/.*)?$";

    static final String CHALLENGE = "Basic realm=\"abkit\", charset=\"UTF-8\"";

    private final AdminToken token;

    public StatsTokenFilter(AdminToken token) {
        this.token = token;
    }

    /** @return {@code null} to let an authenticated request through, else the 401 problem */
    @RequestFilter
    @Nullable
    public HttpResponse<?> authenticate(HttpRequest<?> request) {
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (token.matches(AuthorizationHeader.bearerTokenOrBasicPassword(authorization))) {
            return null;
        }
        return UnauthorizedProblem.challenging(CHALLENGE, authorization == null
                ? "the statistics need the admin token: Authorization: Bearer <AB_ADMIN_TOKEN>,"
                        + " or HTTP Basic with any user name and the token as password"
                : "the admin token is wrong");
    }
}
