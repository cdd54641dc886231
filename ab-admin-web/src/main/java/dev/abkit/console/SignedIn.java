package dev.abkit.console;

import dev.abkit.core.auth.Permission;
import dev.abkit.core.auth.Principal;
import io.micronaut.http.HttpRequest;

import java.util.Objects;

/**
 * Who a console request is from, as {@link ConsoleGuard} authenticated its cookie, and the check field that
 * person's forms carry. Kept on the request, never elsewhere: the next request authenticates anew.
 */
final class SignedIn {

    static final String ATTRIBUTE = "abkit.console.signed-in";

    private final Principal principal;
    private final String secret;

    SignedIn(Principal principal, String secret) {
        this.principal = Objects.requireNonNull(principal, "principal");
        this.secret = Objects.requireNonNull(secret, "secret");
    }

    /** The guard runs before every console controller but the sign-in's, so the attribute is there. */
    static SignedIn of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, SignedIn.class).orElseThrow(() -> new IllegalStateException(
                request.getPath() + " is behind ConsoleGuard, which sets " + ATTRIBUTE));
    }

    Principal principal() {
        return principal;
    }

    String csrf() {
        return CsrfField.of(secret);
    }

    boolean sentThis(FormFields form) {
        return CsrfField.matches(secret, form.text(CsrfField.NAME));
    }

    /** What every page shows of the person: name, role, the check field of the sign-out form, the pages it may open. */
    Frame frame() {
        return new Frame(principal.name().value(), principal.role().wireName(), csrf(),
                principal.may(Permission.READ_EXPERIMENTS), principal.may(Permission.OVERRIDE_DEVICES),
                principal.may(Permission.LOOK_UP_DEVICES), principal.may(Permission.MANAGE_TOKENS));
    }
}
