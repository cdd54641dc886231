package dev.abkit.http.log;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;

import java.util.List;
import java.util.Optional;

/**
 * What is recorded of every request, in one filter because a filter costs the returning-device answer
 * about a microsecond of its twenty:
 * <ul>
 * <li>its id: the caller's {@code X-Request-Id} if it is usable ({@link RequestIds}), else a new one,
 *     sent back in {@code X-Request-Id} on every response, the 401s and 404s too. The id is a request
 *     attribute ({@link #idOf}); the server's logging puts it into the MDC entry {@code requestId} of
 *     every line written for the request, on whichever thread writes it, when the line is written
 *     (propagating an MDC entry with the request cost the mobile endpoint a tenth of its throughput);</li>
 * <li>its duration, for every {@link RequestObserver} (the server's request timers);</li>
 * <li>the access line {@code GET /api/v1/experiments 200 0.3 ms} on the logger {@code abkit.access}:
 *     server errors (5xx) at WARN, everything else at INFO. Only the method, the path (without query),
 *     the status and the duration: never headers (admin and device tokens), query strings or bodies.
 *     The server ships the logger at WARN, because a line per request costs about a third of the
 *     mobile endpoint's CPU (docs/performance.md); {@code LOGGER_LEVELS_ABKIT_ACCESS=INFO} logs every
 *     request.</li>
 * </ul>
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class RequestLogFilter implements io.micronaut.core.order.Ordered {

    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    /** The MDC entry that carries the request id on log lines. */
    public static final String REQUEST_ID_MDC_KEY = "requestId";

    private static final Logger ACCESS = LoggerFactory.getLogger("abkit.access");
    private static final String ID = RequestLogFilter.class.getName() + ".id";
    private static final String STARTED = RequestLogFilter.class.getName() + ".started";
    private static final String FINISHED = RequestLogFilter.class.getName() + ".finished";

    private final RequestObserver[] observers;

    public RequestLogFilter(List<RequestObserver> observers) {
        this.observers = observers.toArray(RequestObserver[]::new);
    }

    /** The id of a request that went through this filter. */
    public static Optional<String> idOf(HttpRequest<?> request) {
        return request.getAttribute(ID).map(String.class::cast); // untyped: no conversion service on every request
    }

    @RequestFilter
    public void start(HttpRequest<?> request) {
        request.setAttribute(ID, RequestIds.keptOrNew(request.getHeaders().get(REQUEST_ID_HEADER)));
        // Any request may fail, so its start is kept whenever failures are logged or anyone times requests.
        if (observers.length > 0 || ACCESS.isWarnEnabled()) {
            request.setAttribute(STARTED, System.nanoTime());
        }
    }

    /**
     * Finishes a request whose response Micronaut makes outside the filter chain, so that this filter's
     * response step never runs for it: a route on the blocking executor that the executor's full queue
     * refused (Micronaut throws that out of the chain while no filter in it defers the route call).
     * The response still gets its id, its access line and its time; a request finished already is left alone.
     */
    public void finishOutsideTheChain(HttpRequest<?> request, MutableHttpResponse<?> response) {
        finish(request, response);
    }

    @ResponseFilter
    public void finish(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (request.getAttributes().contains(FINISHED)) {
            return;
        }
        request.setAttribute(FINISHED, Boolean.TRUE);
        String id = idOf(request).orElse(null);
        if (id != null) {
            response.header(REQUEST_ID_HEADER, id);
        }
        if (observers.length > 0) {
            Long started = (Long) request.getAttribute(STARTED).orElse(null);
            if (started != null) {
                long took = System.nanoTime() - started;
                for (RequestObserver observer : observers) {
                    observer.answered(request, response, took);
                }
            }
        }
        Level level = response.code() >= 500 ? Level.WARN : Level.INFO;
        if (ACCESS.isEnabledForLevel(level)) {
            // The response filter may run where the request's context is gone: the id is put here.
            try (MDC.MDCCloseable ignored = id == null ? null : MDC.putCloseable(REQUEST_ID_MDC_KEY, id)) {
                log(request, response, level);
            }
        }
    }

    private static void log(HttpRequest<?> request, MutableHttpResponse<?> response, Level level) {
        Long started = (Long) request.getAttribute(STARTED).orElse(null);
        if (started == null) {
            ACCESS.atLevel(level).log("{} {} {}", request.getMethodName(), request.getPath(), response.code());
            return;
        }
        long tenthsOfMs = (System.nanoTime() - started) / 100_000;
        ACCESS.atLevel(level).log("{} {} {} {}.{} ms", request.getMethodName(), request.getPath(), response.code(),
                tenthsOfMs / 10, tenthsOfMs % 10);
    }

    @Override
    public int getOrder() {
        // Outermost, so the time includes the other filters, and the 401s they answer get an id and a line.
        return ServerFilterPhase.FIRST.before();
    }
}
