package dev.abkit.http.log;

import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} if it is usable ({@link RequestIds}),
 * else a new one. It is sent back in {@code X-Request-Id} on every response, the 401s and 404s too, and
 * is the MDC entry {@code requestId} of every log line written for the request, on any thread the
 * request's work runs on ({@link RequestIdInMdc}), so that one request's lines can be found together.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class RequestIdFilter implements Ordered {

    public static final String HEADER = "X-Request-Id";
    private static final String ID = RequestIdFilter.class.getName() + ".id";

    @RequestFilter
    public void identify(HttpRequest<?> request, MutablePropagatedContext context) {
        String id = RequestIds.keptOrNew(request.getHeaders().get(HEADER));
        request.setAttribute(ID, id);
        context.add(new RequestIdInMdc(id));
    }

    @ResponseFilter
    public void tell(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String id = request.getAttribute(ID, String.class).orElse(null);
        if (id != null) {
            response.header(HEADER, id);
        }
    }

    @Override
    public int getOrder() {
        // Before the request log, so that its line carries the id too.
        return ServerFilterPhase.FIRST.before() - 1;
    }
}
