package dev.abkit.http.log;

import io.micronaut.core.propagation.ThreadPropagatedContextElement;
import org.slf4j.MDC;

/**
 * A request's id as the MDC entry {@code requestId} on whichever thread works for the request, the
 * event loop or a blocking executor's thread, and only while it does. One entry put and taken back,
 * rather than Micronaut's MdcPropagationContext, which copies the whole MDC each time.
 */
record RequestIdInMdc(String id) implements ThreadPropagatedContextElement<String> {

    static final String KEY = "requestId";

    @Override
    public String updateThreadContext() {
        String before = MDC.get(KEY);
        MDC.put(KEY, id);
        return before;
    }

    @Override
    public void restoreThreadContext(String before) {
        if (before == null) {
            MDC.remove(KEY);
        } else {
            MDC.put(KEY, before);
        }
    }
}
