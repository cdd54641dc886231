package dev.abkit.stats;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.core.io.Writable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.FilterPatternStyle;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.views.ViewsFilter;
import io.micronaut.views.ViewsModelDecorator;
import io.micronaut.views.ViewsRendererLocator;
import io.micronaut.views.ViewsResolver;
import io.micronaut.views.turbo.TurboFrameRenderer;
import jakarta.inject.Named;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;

/**
 * Micronaut Views' filter, which renders the pages' templates, on the pages' paths only: {@code /stats} and the
 * results views below it. Views declares it for every path: every response, the mobile answer's too, then
 * passed through its reactive step, which cost the returning-device answer a measurable share of its CPU
 * (docs/performance.md). These pages are the only views this server renders.
 * <p>
 * Views leaves the page as a template still to be run, which the server runs while it writes the body, after
 * the status line has gone out: a template that failed there could not become an error, and the client waited
 * for a body that never came. The page is rendered here instead, into memory (13-25 KiB), on the blocking
 * executor as the server did (the controller's answer may reach this filter on an event loop), so that a
 * failure can still be answered: a 500 page that says so without the template's internals, and the failure
 * logged once with its cause (the server's logging adds the request id). A page, as the pages' other failures
 * are (ResultsPageController), not a JSON problem a person would have to read.
 */
@Replaces(ViewsFilter.class)
@Filter(patterns = StatsPageViews.PAGES, patternStyle = FilterPatternStyle.REGEX)
public class StatsPageViews implements HttpServerFilter {

    /** A regular expression, compiled once, for the reason {@link StatsTokenFilter#STATISTICS} gives. */
    static final String PAGES = "^/stats(?:/.*)?$";

    /** Larger than the pages (13-25 KiB with their inline CSS and charts), so that one never grows the buffer. */
    static final int PAGE_BUFFER_BYTES = 32 * 1024;

    /** No template: the page that says a template failed must not fail itself. */
    static final byte[] FAILED_PAGE = """
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="robots" content="noindex"><title>abkit · page failed</title></head>
            <body><h1>This page could not be shown</h1><p>The server failed while rendering it; the failure is logged.</p></body>
            </html>
            """.getBytes(StandardCharsets.UTF_8);

    private static final Logger LOG = LoggerFactory.getLogger(StatsPageViews.class);

    private final ViewsFilter views;
    private final Scheduler blocking;

    public StatsPageViews(ViewsResolver viewsResolver, ViewsRendererLocator viewsRendererLocator,
                          ViewsModelDecorator viewsModelDecorator, TurboFrameRenderer turboFrameRenderer,
                          @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        // Its doFilter is final: wrapped, not extended, to render what it returns.
        this.views = new ViewsFilter(viewsResolver, viewsRendererLocator, viewsModelDecorator, turboFrameRenderer);
        this.blocking = Schedulers.fromExecutorService(blocking);
    }

    @Override
    public int getOrder() {
        return views.getOrder();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        // The request's context, for the log line of a failure (the server's logging reads the request id there).
        PropagatedContext context = PropagatedContext.getOrEmpty();
        return Flux.from(views.doFilter(request, chain)).concatMap(response -> response.body() instanceof Writable page
                ? Mono.fromCallable(() -> rendered(context, request, response, page)).subscribeOn(blocking)
                : Mono.just(response));
    }

    private static MutableHttpResponse<?> rendered(PropagatedContext context, HttpRequest<?> request,
                                                   MutableHttpResponse<?> response, Writable page) {
        try (PropagatedContext.Scope ignored = context.propagate()) {
            return rendered(request, response, page);
        }
    }

    private static MutableHttpResponse<?> rendered(HttpRequest<?> request, MutableHttpResponse<?> response,
                                                   Writable page) {
        ByteArrayOutputStream html = new ByteArrayOutputStream(PAGE_BUFFER_BYTES);
        try {
            page.writeTo(html, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException failure) {
            LOG.error("{} {} failed while rendering its page", request.getMethod(), request.getPath(), failure);
            return response.status(HttpStatus.INTERNAL_SERVER_ERROR).body(FAILED_PAGE);
        }
        return response.body(html.toByteArray());
    }
}
