package dev.abkit.console;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * A person in the console gets a page for every failure, never JSON: an error answered by something else than
 * the console's controllers (the API adapter's problem handler when the database is out of reach, Micronaut's
 * own 404 for an address the console does not have, a body too large) becomes the console's problem page with
 * the same status, and the headers that tell a client what to do next ({@code Retry-After}, {@code Allow}).
 */
@Singleton
final class ErrorPages {

    private static final List<String> KEPT_HEADERS = List.of(HttpHeaders.RETRY_AFTER, HttpHeaders.ALLOW);

    private final ConsolePages pages;

    ErrorPages(ConsolePages pages) {
        this.pages = pages;
    }

    /** @return {@code response} itself when it is no error or already a page; else the page that says it */
    MutableHttpResponse<?> asPage(HttpRequest<?> request, MutableHttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        if (status.getCode() < 400 || response.getContentType().map(ErrorPages::isHtml).orElse(false)) {
            return response;
        }
        // Signed in when the failure came after the guard let the request through: the page keeps the top bar.
        Frame frame = request.getAttribute(SignedIn.ATTRIBUTE, SignedIn.class).map(SignedIn::frame).orElse(null);
        MutableHttpResponse<String> page = pages.page(status, "problem", saying(status, request.getMethod().name(), frame),
                request);
        for (String header : KEPT_HEADERS) {
            response.getHeaders().get(header, String.class).ifPresent(value -> page.header(header, value));
        }
        return page;
    }

    private static boolean isHtml(MediaType type) {
        return type.matches(MediaType.TEXT_HTML_TYPE);
    }

    /** What the page says for {@code status}. */
    private static ProblemPage saying(HttpStatus status, String method, Frame frame) {
        // A form whose answer was lost may still have made its change: say how to find out before sending it again.
        String form = method.equals("POST") ? " If you were sending a form, open its page again to see whether the"
                + " change was made before you send it again." : "";
        return switch (status) {
            case SERVICE_UNAVAILABLE -> new ProblemPage(frame, "Try again in a moment",
                    "abkit cannot reach its database just now, so this could not be done. It recovers by itself"
                            + " when the database is back." + form);
            case NOT_FOUND -> new ProblemPage(frame, "No such page", "The console has no page at this address.");
            case REQUEST_ENTITY_TOO_LARGE -> new ProblemPage(frame, "Too much to send",
                    "The form was larger than the server takes; nothing was changed.");
            case METHOD_NOT_ALLOWED -> new ProblemPage(frame, "Not here", "This address does not take a " + method + " request.");
            default -> status.getCode() >= 500
                    ? new ProblemPage(frame, "Something went wrong", "The server could not answer this request (" + status.getCode()
                    + " " + status.getReason() + "); its log says why." + form)
                    : new ProblemPage(frame, "This request was refused", status.getCode() + " " + status.getReason() + ".");
        };
    }
}
