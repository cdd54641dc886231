package dev.abkit.console;

import dev.abkit.core.auth.Authentication;
import dev.abkit.core.auth.Permission;
import dev.abkit.core.port.in.AuthenticateToken;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.io.ResourceLoader;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Locale;

/**
 * Signing in and out of the console, its entry address, and its stylesheet (a file of its own: the content
 * security policy allows no style inline).
 */
@Controller
public class SignInController {

    static final String TOKEN = "token";
    static final String SIGNED_OUT = "signed-out";

    private final AuthenticateToken authenticate;
    private final ConsolePages pages;
    private final Clock clock;
    private final byte[] stylesheet;

    public SignInController(AuthenticateToken authenticate, ConsolePages pages, ResourceLoader resources) {
        this.authenticate = authenticate;
        this.pages = pages;
        this.clock = Clock.systemUTC();
        this.stylesheet = resource(resources, "classpath:console/console.css");
    }

    private static byte[] resource(ResourceLoader resources, String path) {
        try (InputStream in = resources.getResourceAsStream(path)
                .orElseThrow(() -> new IllegalStateException(path + " is missing from the jar"))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get(Paths.CONSOLE)
    public HttpResponse<?> console(HttpRequest<?> request) {
        return Paths.seeOther(Paths.home(SignedIn.of(request).principal()));
    }

    @Get(value = Paths.STYLESHEET, produces = "text/css;charset=utf-8")
    public byte[] stylesheet() {
        return stylesheet;
    }

    @Get(value = Paths.SIGN_IN, produces = ConsolePages.HTML_UTF8)
    public HttpResponse<?> signInPage(HttpRequest<?> request, @Nullable @QueryValue(Paths.REASON) String reason) {
        return signInPage(HttpStatus.OK, notice(reason), null, SignInCheck.valueFor(request), request);
    }

    /** The sign-in page, with {@code check} in its form and in the cookie that goes with it. */
    private HttpResponse<?> signInPage(HttpStatus status, String notice, String error, String check,
                                       HttpRequest<?> request) {
        return pages.page(status, "sign-in", new SignInPage(notice, error, check), request)
                .header(HttpHeaders.SET_COOKIE, SignInCheck.cookie(check, ConsoleCookie.overHttps(request)));
    }

    /** Why the person is on the sign-in page: signed out, or a token that stopped working. */
    private static String notice(String reason) {
        if (reason == null) {
            return null;
        }
        if (reason.equals(SIGNED_OUT)) {
            return "You are signed out.";
        }
        for (Authentication.Reason known : Authentication.Reason.values()) {
            if (known.name().toLowerCase(Locale.ROOT).equals(reason)) {
                return "You were signed out: " + known.explanation() + ". Sign in with a token that works.";
            }
        }
        return null;
    }

    /**
     * The token is checked as the API checks it, once the form's check field has been (a sign-in from another
     * site's page is refused); it is the cookie's content from then on.
     */
    @Post(value = Paths.SIGN_IN, consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = ConsolePages.HTML_UTF8)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> signIn(HttpRequest<?> request, @Nullable @Body String body) {
        FormFields form = FormFields.parse(body);
        if (!SignInCheck.passed(request, form)) {
            return signInPage(HttpStatus.FORBIDDEN, "This sign-in was refused: it did not come from this console's own"
                    + " sign-in page (or that page was open for more than an hour). Nothing was done; sign in here.",
                    null, SignInCheck.newValue(), request);
        }
        String token = form.text(TOKEN);
        Authentication authentication = authenticate.authenticate(token);
        if (authentication instanceof Authentication.Authenticated authenticated) {
            return ConsoleCookie.set(Paths.seeOther(Paths.home(authenticated.principal())), ConsoleCookie.signIn(token,
                    ConsoleCookie.overHttps(request), clock.instant(), authenticated.expiresAt(),
                    authenticated.principal().may(Permission.READ_STATISTICS)));
        }
        Authentication.Reason reason = ((Authentication.Refused) authentication).reason();
        String error = reason == Authentication.Reason.MISSING ? "Enter your token."
                : "This token does not sign in: " + reason.explanation() + ".";
        return signInPage(HttpStatus.UNAUTHORIZED, null, error, SignInCheck.valueFor(request), request);
    }

    @Post(value = Paths.SIGN_OUT, consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = ConsolePages.HTML_UTF8)
    public HttpResponse<?> signOut(HttpRequest<?> request, @Nullable @Body String body) {
        SignedIn signedIn = SignedIn.of(request);
        if (!signedIn.sentThis(FormFields.parse(body))) {
            return pages.forgedForm(signedIn.frame(), request);
        }
        return ConsoleCookie.set(Paths.seeOther(Paths.SIGN_IN + "?" + Paths.REASON + "=" + SIGNED_OUT),
                ConsoleCookie.signOut(ConsoleCookie.overHttps(request)));
    }
}
