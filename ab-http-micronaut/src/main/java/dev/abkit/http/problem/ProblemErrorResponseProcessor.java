package dev.abkit.http.problem;

import dev.abkit.http.log.RequestLogFilter;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * The body of every error response the framework makes itself (404 unknown path, 405, 413, 415,
 * unreadable parameters, ...): an RFC 9457 problem instead of Micronaut's JSON or HTML error; for a
 * 500 whose cause means "unavailable", the 503 problem that cause stands for.
 * Replaces Micronaut's default processor, which steps aside when another one exists.
 */
@Singleton
public final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    private final RequestLogFilter requestLog;

    public ProblemErrorResponseProcessor(RequestLogFilter requestLog) {
        this.requestLog = requestLog;
    }

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        if (context.getRequest().getMethod() == HttpMethod.HEAD) {
            return (MutableHttpResponse<Problem>) response;
        }
        HttpStatus status = response.status();
        MutableHttpResponse<Problem> fromException = context.getRootCause().map(Problems::forException).orElse(null);
        if (fromException != null && (fromException.code() == status.getCode() || isUnavailableNotBroken(status, fromException))) {
            fromException.getHeaders().forEach((name, values) -> values.forEach(value -> response.header(name, value)));
            MutableHttpResponse<Problem> problem = ((MutableHttpResponse<Problem>) response).status(fromException.status())
                    .body(fromException.body()).contentType(Problems.PROBLEM_JSON);
            if (isUnavailableNotBroken(status, fromException)) {
                // Made outside the filter chain, without the exception handlers: the warning they would
                // have written, and the request log's response step, which does not run for it.
                context.getRootCause().ifPresent(cause -> DomainProblemHandler.warnAnswered(context.getRequest(),
                        problem.code(), cause));
                requestLog.finishOutsideTheChain(context.getRequest(), problem);
            }
            return problem;
        }
        String detail = status.getCode() >= 500
                ? "the server failed to answer this request; the failure is logged"
                : context.getErrors().stream().map(Error::getMessage).findFirst().orElse(status.getReason());
        return ((MutableHttpResponse<Problem>) response)
                .body(Problems.forStatus(status, detail))
                .contentType(Problems.PROBLEM_JSON);
    }

    /**
     * A failure the framework answered 500 without asking the exception handlers, whose cause says the
     * server is unavailable rather than broken: an {@code @ExecuteOn} route that the blocking executor's
     * full queue refused (Micronaut throws that out of the route call), a store that cannot be reached.
     */
    private static boolean isUnavailableNotBroken(HttpStatus status, MutableHttpResponse<Problem> fromException) {
        return status == HttpStatus.INTERNAL_SERVER_ERROR && fromException.status() == HttpStatus.SERVICE_UNAVAILABLE;
    }
}
