package dev.abkit.http.auth;

import dev.abkit.http.problem.Problems;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterPatternStyle;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The one guard of abkit: the admin API takes {@code Authorization: Bearer <token>}; the statistics
 * page and its JSON also take HTTP Basic with any user name and the token as password, so that a
 * browser can open them, and challenge with {@code WWW-Authenticate: Basic}. Runs before routing,
 * so an unauthenticated caller learns nothing, not even whether a path exists.
 */
@ServerFilter(patterns = AdminTokenFilter.GUARDED, patternStyle = FilterPatternStyle.REGEX)
public final class AdminTokenFilter {

    static final String STATS_PAGE = "/stats";
    static final String STATS_JSON = "/api/v1/stats";

    /**
     * The admin API, the statistics page and its JSON, each with everything below it. One regular
     * expression rather than six Ant patterns, because Micronaut matches every request, the mobile
     * ones too, against a filter's patterns: it compiles a regular expression once, but tokenises
     * Ant patterns anew each time (a tenth of the mobile endpoint's event-loop time).
     */
    static final String GUARDED = "^/(api/v1/admin|stats|api/v1/stats)(/.*)?$";

    private static final String BEARER = "Bearer ";
    private static final String BASIC = "Basic ";

    private final AdminToken token;

    public AdminTokenFilter(AdminToken token) {
        this.token = token;
    }

    /** @return {@code null} to let an authenticated request through, else the 401 problem */
    @RequestFilter
    @Nullable
    public HttpResponse<?> authenticate(HttpRequest<?> request) {
        boolean basicAllowed = isStatistics(request.getPath());
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (token.matches(presentedToken(authorization, basicAllowed))) {
            return null;
        }
        String detail = authorization == null
                ? "this path needs the admin token: Authorization: Bearer <AB_ADMIN_TOKEN>"
                : "the admin token is wrong";
        return basicAllowed
                ? Problems.unauthorized("Basic realm=\"abkit\", charset=\"UTF-8\"",
                        detail + " (or HTTP Basic with the token as password)")
                : Problems.unauthorized("Bearer realm=\"abkit\"", detail);
    }

    private static boolean isStatistics(String path) {
        return path.equals(STATS_PAGE) || path.startsWith(STATS_PAGE + "/")
                || path.equals(STATS_JSON) || path.startsWith(STATS_JSON + "/");
    }

    /** The token the request carries, or {@code null}. */
    static String presentedToken(String authorization, boolean basicAllowed) {
        if (authorization == null) {
            return null;
        }
        if (startsWithIgnoreCase(authorization, BEARER)) {
            return authorization.substring(BEARER.length()).strip();
        }
        if (basicAllowed && startsWithIgnoreCase(authorization, BASIC)) {
            try {
                String credentials = new String(
                        Base64.getDecoder().decode(authorization.substring(BASIC.length()).strip()), StandardCharsets.UTF_8);
                int colon = credentials.indexOf(':');
                return colon < 0 ? null : credentials.substring(colon + 1);
            } catch (IllegalArgumentException notBase64) {
                return null;
            }
        }
        return null;
    }

    private static boolean startsWithIgnoreCase(String value, String prefix) {
        return value.regionMatches(true, 0, prefix, 0, prefix.length());
    }
}
