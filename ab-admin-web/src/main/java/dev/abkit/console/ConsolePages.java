package dev.abkit.console;

import dev.abkit.core.auth.Permission;
import dev.abkit.core.auth.PermissionDeniedException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.views.thymeleaf.ThymeleafViewsRenderer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Renders a console page from its template ({@code views/console/<name>.html}) and view model, here and into
 * memory, not through Micronaut Views' filter: the server renders its statistics pages with a filter of its
 * own limited to their paths, and a page rendered before the response is made can still fail as a 500 rather
 * than as a body cut short.
 */
@Singleton
public final class ConsolePages {

    static final String HTML_UTF8 = "text/html;charset=utf-8";

    private final ThymeleafViewsRenderer<Object> thymeleaf;

    public ConsolePages(ThymeleafViewsRenderer<Object> thymeleaf) {
        this.thymeleaf = thymeleaf;
    }

    MutableHttpResponse<String> page(HttpStatus status, String template, Object model, HttpRequest<?> request) {
        StringWriter html = new StringWriter(8 * 1024);
        try {
            thymeleaf.render("console/" + template, model, request).writeTo(html);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HttpResponse.<String>status(status).contentType(HTML_UTF8).body(html.toString());
    }

    MutableHttpResponse<String> ok(String template, Object model, HttpRequest<?> request) {
        return page(HttpStatus.OK, template, model, request);
    }

    /** A page that says why something is refused or missing, with the status that says so to a machine. */
    MutableHttpResponse<String> problem(HttpStatus status, Frame frame, String title, String message,
                                        HttpRequest<?> request) {
        return page(status, "problem", new ProblemPage(frame, title, message), request);
    }

    /** 403: the role may not see the page, or the core refused the change (a forged form); the core's explanation. */
    MutableHttpResponse<String> refused(SignedIn signedIn, PermissionDeniedException denied, HttpRequest<?> request) {
        return problem(HttpStatus.FORBIDDEN, signedIn.frame(), "Not for your role", denied.getMessage() + ".", request);
    }

    /** 403 from the console's own check of the permission a page needs, worded as the core words its refusals. */
    MutableHttpResponse<String> refused(SignedIn signedIn, Permission needed, HttpRequest<?> request) {
        return refused(signedIn, new PermissionDeniedException(signedIn.principal(), needed), request);
    }

    MutableHttpResponse<String> noSuchExperiment(SignedIn signedIn, String key, HttpRequest<?> request) {
        return problem(HttpStatus.NOT_FOUND, signedIn.frame(), "No such experiment",
                "There is no experiment " + key + " to show here.", request);
    }

    /** 403 for a form whose check field is missing or wrong: it may come from another site's page. */
    MutableHttpResponse<String> forgedForm(Frame frame, HttpRequest<?> request) {
        return problem(HttpStatus.FORBIDDEN, frame, "This form was refused",
                "It did not carry this console's check field, so it may have been sent from another site's page."
                        + " Nothing was changed. Open the page again and send the form from there.", request);
    }
}
