package dev.abkit.console;

import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterPatternStyle;

/**
 * What every console response goes out as: a failure as a page ({@link ErrorPages}), and the headers that keep a
 * page from running anything but its own files, from being framed, from leaking its address, and from being
 * cached (decision 20). Outside {@link ConsoleGuard} in the filter order, so that a failure of the guard itself
 * (the token store out of reach) reaches this filter as a response and goes out as a page with these headers too.
 */
@ServerFilter(patterns = ConsoleGuard.CONSOLE, patternStyle = FilterPatternStyle.REGEX)
@Order(ConsoleResponses.ORDER)
public final class ConsoleResponses {

    /** Before {@link ConsoleGuard} on the way in, so after it on the way out. */
    static final int ORDER = 0;

    /**
     * Scripts and styles only from the console's own files (it serves a stylesheet and no script), nothing
     * inline, forms posted only to the console, never framed.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /**
     * Referrers only to the console itself, never to another site. Not {@code no-referrer}: under it a browser
     * sends every form's POST with {@code Origin: null}, which Micronaut refuses (403) on a server reached as
     * localhost, as a drive-by attack on it would look (decision 20).
     */
    static final String REFERRER_POLICY = "same-origin";

    private final ErrorPages errorPages;

    ConsoleResponses(ErrorPages errorPages) {
        this.errorPages = errorPages;
    }

    @ResponseFilter
    public MutableHttpResponse<?> pagesAndHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        return errorPages.asPage(request, response)
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", REFERRER_POLICY)
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
