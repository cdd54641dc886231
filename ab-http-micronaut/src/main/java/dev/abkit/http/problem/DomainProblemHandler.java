package dev.abkit.http.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every exception that no more specific framework handler claims into a problem, through
 * {@link Problems}: the domain's exceptions into 400/404/409/503, anything else into a bare 500
 * whose cause only the server log sees.
 */
@Singleton
@Produces
public final class DomainProblemHandler implements ExceptionHandler<RuntimeException, HttpResponse<Problem>> {

    private static final Logger LOG = LoggerFactory.getLogger(DomainProblemHandler.class);

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, RuntimeException exception) {
        HttpResponse<Problem> problem = Problems.forException(exception);
        if (problem != null) {
            if (problem.code() >= 500) {
                warnAnswered(request, problem.code(), exception);
            }
            return problem;
        }
        LOG.error("{} {} failed", request.getMethod(), request.getPath(), exception);
        return Problems.internalError();
    }

    /** The warning every 5xx problem of a known cause gets, from here or from outside the filter chain. */
    static void warnAnswered(HttpRequest<?> request, int status, Throwable cause) {
        LOG.warn("{} {} answered {}: {}", request.getMethod(), request.getPath(), status, cause.toString());
    }
}
