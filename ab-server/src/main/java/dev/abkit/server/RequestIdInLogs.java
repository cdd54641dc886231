package dev.abkit.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import dev.abkit.http.log.RequestLogFilter;
import io.micronaut.http.context.ServerRequestContext;
import org.slf4j.MDC;
import org.slf4j.Marker;

/**
 * Puts the id of the request being handled ({@link RequestLogFilter#idOf}) into the MDC entry
 * {@code requestId} of every line logged while it is handled, on any thread: Micronaut carries the
 * request to the threads that work for it, and this looks it up when a line is written. Looking it
 * up per line, not setting it per request, keeps the cost off the requests that log nothing, which
 * are nearly all (an MDC entry carried with every request cost the mobile endpoint a tenth of its
 * throughput). Declared in logback.xml.
 */
public final class RequestIdInLogs extends TurboFilter {

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable failure) {
        // isEnabled checks come without a message; only lines that will be written are worth the lookup.
        boolean aLine = format != null || failure != null;
        if (aLine && level != null && level.isGreaterOrEqual(logger.getEffectiveLevel())) {
            String id = ServerRequestContext.currentRequest().flatMap(RequestLogFilter::idOf).orElse(null);
            if (id == null) {
                MDC.remove(RequestLogFilter.REQUEST_ID_MDC_KEY);
            } else {
                MDC.put(RequestLogFilter.REQUEST_ID_MDC_KEY, id);
            }
        }
        return FilterReply.NEUTRAL;
    }
}
