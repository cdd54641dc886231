package dev.abkit.stats;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterPatternStyle;
import io.micronaut.http.filter.ServerFilterPhase;

import java.nio.charset.StandardCharsets;

/**
 * A person reading the statistics pages gets a page when the server fails, never a JSON problem: a 5xx answered by
 * something else than the pages' controllers (the API adapter's problem handler when the database is out of reach or
 * the analysts' queue is full, the executor refusing work when too many requests wait) becomes a short page with the
 * same status and {@code Retry-After}. Refusals of the caller (401 with its Basic challenge, 403) stay the problems
 * the token filter answers, as docs/api.md says; 400 and 404 are pages already (ResultsPageController). Outside the
 * pages' other filters, so that a failure of the token filter itself (the token store out of reach) is a page too.
 */
@ServerFilter(patterns = StatsPageViews.PAGES, patternStyle = FilterPatternStyle.REGEX)
public final class StatsFailurePages implements Ordered {

    /** Before the token filter and the views on the way in, so after them on the way out. */
    static final int ORDER = ServerFilterPhase.FIRST.after();

    /** No template: the page that says the server failed must not depend on what may have failed. */
    static final String UNAVAILABLE = page("Try again in a moment",
            "abkit cannot read the statistics just now: its database is out of reach or busy, or the analysts' scans"
                    + " (results of a window with an end inside a day) are all in use. Nothing is lost; the server"
                    + " recovers by itself.");

    static final String FAILED = page("This page could not be shown",
            "The server failed while answering; its log says why.");

    @Override
    public int getOrder() {
        return ORDER;
    }

    @ResponseFilter
    public MutableHttpResponse<?> asPage(MutableHttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        if (status.getCode() < 500 || response.getContentType().map(type -> type.matches(MediaType.TEXT_HTML_TYPE))
                .orElse(false)) {
            return response;
        }
        MutableHttpResponse<byte[]> page = HttpResponse.<byte[]>status(status)
                .body((status == HttpStatus.SERVICE_UNAVAILABLE ? UNAVAILABLE : FAILED).getBytes(StandardCharsets.UTF_8))
                .contentType(StatsPageController.HTML_UTF8)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Content-Security-Policy", StatsPageController.CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff");
        response.getHeaders().get(HttpHeaders.RETRY_AFTER, String.class)
                .ifPresent(seconds -> page.header(HttpHeaders.RETRY_AFTER, seconds));
        return page;
    }

    private static String page(String title, String text) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="robots" content="noindex"><title>abkit · %1$s</title>
                <style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}</style></head>
                <body><h1>%1$s</h1><p>%2$s</p></body>
                </html>
                """.formatted(title, text);
    }
}
