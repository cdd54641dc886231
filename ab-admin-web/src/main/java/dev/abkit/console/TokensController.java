package dev.abkit.console;

import dev.abkit.core.auth.Permission;
import dev.abkit.core.auth.PermissionDeniedException;
import dev.abkit.core.auth.PersonalToken;
import dev.abkit.core.auth.TokenId;
import dev.abkit.core.error.UnknownTokenException;
import dev.abkit.core.port.in.CreatedToken;
import dev.abkit.core.port.in.ManageTokens;
import dev.abkit.core.port.in.NewToken;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Personal tokens in the console, for admins ({@code MANAGE_TOKENS}, checked here for the pages and by the
 * core, {@link ManageTokens}, on every call): the list, the form that creates one, then the page that shows the
 * new secret once, and revocation behind a confirmation page.
 */
@Controller(Paths.TOKENS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class TokensController {

    static final String REVOKED = "revoked";

    private final ManageTokens tokens;
    private final ConsolePages pages;

    public TokensController(ManageTokens tokens, ConsolePages pages) {
        this.tokens = tokens;
        this.pages = pages;
    }

    /** @param done {@value #REVOKED} after a revocation, said at the page's top */
    @Get(produces = ConsolePages.HTML_UTF8)
    public HttpResponse<?> list(HttpRequest<?> request, @Nullable @QueryValue String done) {
        SignedIn signedIn = SignedIn.of(request);
        if (!signedIn.principal().may(Permission.MANAGE_TOKENS)) {
            return pages.refused(signedIn, Permission.MANAGE_TOKENS, request);
        }
        String notice = REVOKED.equals(done)
                ? "Revoked: the token is refused from its next request on, by the API and the console alike." : null;
        return page(HttpStatus.OK, signedIn, notice, TokenForm.empty(), new FieldErrors(), request);
    }

    /**
     * Creates the token, then a 303 to the page that shows its secret once, the secret going there in a cookie of
     * that page's own (it may not travel in an address, and abkit keeps only its digest), so that a reload posts
     * nothing and makes no second token. Or the list again, with what is wrong next to each field.
     */
    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = ConsolePages.HTML_UTF8)
    public HttpResponse<?> create(HttpRequest<?> request, @Nullable @Body String body) {
        SignedIn signedIn = SignedIn.of(request);
        FormFields fields = FormFields.parse(body);
        if (!signedIn.sentThis(fields)) {
            return pages.forgedForm(signedIn.frame(), request);
        }
        if (!signedIn.principal().may(Permission.MANAGE_TOKENS)) {
            return pages.refused(signedIn, Permission.MANAGE_TOKENS, request);
        }
        TokenForm form = TokenForm.of(fields);
        FieldErrors errors = new FieldErrors();
        NewToken command = form.command(errors);
        if (command == null) {
            return page(HttpStatus.BAD_REQUEST, signedIn, null, form, errors, request);
        }
        try {
            CreatedToken created = tokens.create(signedIn.principal(), command);
            String page = Paths.tokenCreated(created.token().id().toString());
            return ConsoleCookie.set(Paths.seeOther(page),
                    List.of(ConsoleCookie.newSecret(page, created.secret(), ConsoleCookie.overHttps(request))));
        } catch (PermissionDeniedException denied) {
            return pages.refused(signedIn, denied, request);
        }
    }

    /**
     * A new token's secret, shown once: read from the cookie the create form's answer set for this page alone, and
     * the cookie cleared. Opened again (a reload, the address kept), the page says the secret is no longer shown.
     */
    @Get(value = "/{id}/created", produces = ConsolePages.HTML_UTF8)
    public HttpResponse<?> created(HttpRequest<?> request, @PathVariable String id) {
        return withToken(request, id, (signedIn, token) -> {
            Optional<String> secret = ConsoleCookie.newSecretOf(request);
            MutableHttpResponse<String> page = pages.ok("token-created", new TokenCreatedPage(signedIn.frame(),
                    token.name().value(), token.role().wireName(), expires(token), secret.orElse(null)), request);
            return secret.isEmpty() ? page : ConsoleCookie.set(page,
                    List.of(ConsoleCookie.newSecretShown(Paths.tokenCreated(id), ConsoleCookie.overHttps(request))));
        });
    }

    /** The confirmation of a revocation: whose token, and what revoking it does. */
    @Get(value = "/{id}/revoke", produces = ConsolePages.HTML_UTF8)
    public HttpResponse<?> confirmRevoke(HttpRequest<?> request, @PathVariable String id) {
        return withToken(request, id, (signedIn, token) -> {
            String name = token.name().value();
            return pages.ok("confirm", new ConfirmPage(signedIn.frame(), name, "revoke", "Revoke " + name + "'s token?",
                    "From its next request on, the token of " + name + " (" + token.role().wireName() + ") is refused"
                            + " everywhere: by the admin API, the statistics and this console, which signs its holder"
                            + " out. It cannot be undone; " + name + " needs a new token.",
                    "Revoke it", revokePath(token), Paths.TOKENS,
                    token.revoked() ? name + "'s token is revoked already: there is nothing to revoke." : null), request);
        });
    }

    /**
     * The page of the token {@code id} names, for a person who may manage tokens; else the page that says why not:
     * the role (403) before whether the token exists (404).
     */
    private HttpResponse<?> withToken(HttpRequest<?> request, String id,
                                      BiFunction<SignedIn, PersonalToken, HttpResponse<?>> page) {
        SignedIn signedIn = SignedIn.of(request);
        if (!signedIn.principal().may(Permission.MANAGE_TOKENS)) {
            return pages.refused(signedIn, Permission.MANAGE_TOKENS, request);
        }
        return tokens.list(signedIn.principal()).stream().filter(token -> token.id().toString().equals(id)).findFirst()
                .<HttpResponse<?>>map(token -> page.apply(signedIn, token)).orElseGet(() -> noSuchToken(signedIn, request));
    }

    @Post(value = "/{id}/revoke", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = ConsolePages.HTML_UTF8)
    public HttpResponse<?> revoke(HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        SignedIn signedIn = SignedIn.of(request);
        if (!signedIn.sentThis(FormFields.parse(body))) {
            return pages.forgedForm(signedIn.frame(), request);
        }
        if (!signedIn.principal().may(Permission.MANAGE_TOKENS)) {
            return pages.refused(signedIn, Permission.MANAGE_TOKENS, request);
        }
        try {
            tokens.revoke(signedIn.principal(), TokenId.of(id));
            return Paths.seeOther(Paths.TOKENS + "?" + Paths.DONE + "=" + REVOKED);
        } catch (PermissionDeniedException denied) {
            return pages.refused(signedIn, denied, request);
        } catch (UnknownTokenException | IllegalArgumentException unknown) {
            return noSuchToken(signedIn, request);
        }
    }

    private HttpResponse<?> page(HttpStatus status, SignedIn signedIn, String notice, TokenForm form,
                                 FieldErrors errors, HttpRequest<?> request) {
        return pages.page(status, "tokens", new TokensPage(signedIn.frame(), notice,
                tokens.list(signedIn.principal()).stream().map(token -> new TokensPage.Row(token.id().toString(),
                        token.name().value(), token.role().wireName(), Shown.time(token.createdAt()), expires(token),
                        token.lastUsedAt().map(Shown::time).orElse(null), token.revokedAt().map(Shown::time).orElse(null),
                        token.revoked() ? null : revokePath(token))).toList(),
                form.form(errors)), request);
    }

    private static String expires(PersonalToken token) {
        return token.expiresAt().map(Shown::time).orElse("never");
    }

    private static String revokePath(PersonalToken token) {
        return Paths.TOKENS + "/" + token.id() + "/revoke";
    }

    private HttpResponse<?> noSuchToken(SignedIn signedIn, HttpRequest<?> request) {
        return pages.problem(HttpStatus.NOT_FOUND, signedIn.frame(), "No such token",
                "There is no token with this id. The list shows every token, revoked and expired ones too.", request);
    }
}
