package dev.abkit.stats;

import dev.abkit.core.auth.Authentication;
import dev.abkit.core.auth.AuthorizationHeader;
import dev.abkit.core.auth.Permission;
import dev.abkit.core.auth.PermissionDeniedException;
import dev.abkit.core.auth.Principal;
import dev.abkit.core.auth.SignInCookie;
import dev.abkit.core.port.in.AuthenticateToken;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.filter.FilterPatternStyle;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * Guards the statistics page, its JSON twin and the results views with a token whose role holds
 * {@link Permission#READ_STATISTICS} (admin, analyst): {@code Bearer <token>}, or HTTP Basic with any user
 * name and the token as password, so that a browser can open the page, or the admin console's sign-in cookie
 * (decision 20); else a 401 problem whose Basic
 * challenge makes a browser ask for them, or a 403 problem naming the roles that may. Runs before the
 * controllers, so an unauthenticated caller learns nothing, not even whether a path exists; leaves the principal
 * in {@link #PRINCIPAL} for what only some roles see (an experiment's changes). Authenticating
 * reads the token store, so it runs on the blocking executor.
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

    /** The pages, where a browser may come signed in to the console; never the JSON API below {@code /api}. */
    static final String PAGES = "/stats";

    /** The request attribute that holds the authenticated {@link Principal}, for what a page shows only to some roles. */
    static final String PRINCIPAL = "abkit.stats.principal";

    static final String CHALLENGE = "Basic realm=\"abkit\", charset=\"UTF-8\"";

    /** Every path of this adapter shows statistics; one permission guards them all. */
    static final Permission NEEDED = Permission.READ_STATISTICS;

    private final AuthenticateToken authenticate;

    public StatsTokenFilter(AuthenticateToken authenticate) {
        this.authenticate = authenticate;
    }

    /** @return {@code null} to let an authenticated and permitted request through, else the 401 or 403 problem */
    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public HttpResponse<?> authenticate(HttpRequest<?> request) {
        Authentication authentication = authenticate.authenticate(tokenOf(request));
        if (authentication instanceof Authentication.Authenticated authenticated) {
            Principal principal = authenticated.principal();
            if (!principal.may(NEEDED)) {
                return UnauthorizedProblem.forbidden(PermissionDeniedException.detail(principal, NEEDED));
            }
            request.setAttribute(PRINCIPAL, principal);
            return null;
        }
        Authentication.Reason reason = ((Authentication.Refused) authentication).reason();
        return UnauthorizedProblem.challenging(CHALLENGE, reason == Authentication.Reason.MISSING
                ? "the statistics need a token: Authorization: Bearer <token>,"
                        + " or HTTP Basic with any user name and the token as password"
                : reason.explanation());
    }

    /**
     * The token of the {@code Authorization} header; without one, on the pages ({@link #PAGES}), the token a
     * browser signed in to the admin console holds in its cookie (set for these pages too, so that the console's link to an experiment's results
     * needs no second sign-in; only pages to read, and SameSite=Strict keeps other sites' pages from using it).
     */
    private static String tokenOf(HttpRequest<?> request) {
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (authorization != null || !request.getPath().startsWith(PAGES)) {
            return AuthorizationHeader.bearerTokenOrBasicPassword(authorization);
        }
        return request.getCookies().findCookie(SignInCookie.NAME).map(Cookie::getValue).flatMap(SignInCookie::secret)
                .orElse(null);
    }
}
