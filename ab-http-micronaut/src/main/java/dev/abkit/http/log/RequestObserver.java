package dev.abkit.http.log;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;

/**
 * Hears of every answered request from {@link RequestLogFilter}, with how long it took, such as the
 * server's request timers: one filter that times each request for all who need it, because every
 * filter costs the returning-device answer a measurable part of its CPU (docs/performance.md).
 * Called on the response's thread; it must be quick and must not fail.
 */
@FunctionalInterface
public interface RequestObserver {

    /**
     * @param request  the request, with its route (if one matched) among its attributes
     * @param response the response about to be sent
     * @param nanos    from the start of the outermost filter until now
     */
    void answered(HttpRequest<?> request, MutableHttpResponse<?> response, long nanos);
}
