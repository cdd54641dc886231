package dev.abkit.console;

import dev.abkit.core.auth.Authentication;
import dev.abkit.core.port.in.AuthenticateToken;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterPatternStyle;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.Locale;
import java.util.Set;

/**
 * Guards the console's paths: every request but the sign-in page's and the stylesheet's authenticates the
 * token its cookie holds, through the same use case as the API, so that a token revoked or expired since is
 * signed out at its next request (to the sign-in page, which says why). Authenticating reads the token store, so
 * it runs on the blocking executor; when the store is out of reach the failure goes out as
 * {@link ConsoleResponses} makes every failure go out: a page, and nobody is signed out.
 */
@ServerFilter(patterns = ConsoleGuard.CONSOLE, patternStyle = FilterPatternStyle.REGEX)
@Order(ConsoleResponses.ORDER + 1)
public final class ConsoleGuard {

    /**
     * {@code /admin} and everything below it, as a regular expression for the reason the statistics' filter
     * gives (compiled once; a mobile request fails it at its second character). {@code /api/v1/admin} is the
     * API's, and does not match.
     */
    static final String CONSOLE = "^/admin(?:/.*)?$";

    /** What a person who is not signed in may reach. */
    private static final Set<String> OPEN = Set.of(Paths.SIGN_IN, Paths.STYLESHEET);

    private final AuthenticateToken authenticate;

    public ConsoleGuard(AuthenticateToken authenticate) {
        this.authenticate = authenticate;
    }

    /** @return {@code null} to let a signed-in request through (with its {@link SignedIn}), else a redirect to sign in */
    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public HttpResponse<?> signedIn(HttpRequest<?> request) {
        if (OPEN.contains(request.getPath())) {
            return null;
        }
        String secret = ConsoleCookie.secretOf(request).orElse(null);
        Authentication authentication = authenticate.authenticate(secret);
        if (authentication instanceof Authentication.Authenticated authenticated) {
            request.setAttribute(SignedIn.ATTRIBUTE, new SignedIn(authenticated.principal(), secret));
            return null;
        }
        Authentication.Reason reason = ((Authentication.Refused) authentication).reason();
        MutableHttpResponse<?> toSignIn = Paths.seeOther(reason == Authentication.Reason.MISSING ? Paths.SIGN_IN
                : Paths.SIGN_IN + "?" + Paths.REASON + "=" + reason.name().toLowerCase(Locale.ROOT));
        // A cookie that no longer signs in is of no use to keep.
        return secret == null ? toSignIn
                : ConsoleCookie.set(toSignIn, ConsoleCookie.signOut(ConsoleCookie.overHttps(request)));
    }
}
