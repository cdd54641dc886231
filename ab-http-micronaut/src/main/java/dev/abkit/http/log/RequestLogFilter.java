package dev.abkit.http.log;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every request as {@code GET /api/v1/experiments 200 0.3 ms} on the logger {@code abkit.access}.
 * Only the method, the path (without query), the status and the duration: never headers (admin
 * and device tokens), query strings or bodies. Turn it off with {@code logger.levels.abkit.access: WARN}.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class RequestLogFilter implements io.micronaut.core.order.Ordered {

    private static final Logger ACCESS = LoggerFactory.getLogger("abkit.access");
    private static final String STARTED = RequestLogFilter.class.getName() + ".started";

    @RequestFilter
    public void start(HttpRequest<?> request) {
        if (ACCESS.isInfoEnabled()) {
            request.setAttribute(STARTED, System.nanoTime());
        }
    }

    @ResponseFilter
    public void log(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (!ACCESS.isInfoEnabled()) {
            return;
        }
        Long started = request.getAttribute(STARTED, Long.class).orElse(null);
        if (started == null) {
            ACCESS.info("{} {} {}", request.getMethodName(), request.getPath(), response.code());
            return;
        }
        long tenthsOfMs = (System.nanoTime() - started) / 100_000;
        ACCESS.info("{} {} {} {}.{} ms", request.getMethodName(), request.getPath(), response.code(),
                tenthsOfMs / 10, tenthsOfMs % 10);
    }

    @Override
    public int getOrder() {
        // Outermost, so the time includes the other filters and the 401s they answer are logged.
        return ServerFilterPhase.FIRST.before();
    }
}
