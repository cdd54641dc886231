package dev.abkit.http.problem;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * The body of every error response the framework makes itself (404 unknown path, 405, 413, 415,
 * unreadable parameters, ...): an RFC 9457 problem instead of Micronaut's JSON or HTML error.
 * Replaces Micronaut's default processor, which steps aside when another one exists.
 */
@Singleton
public final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        if (context.getRequest().getMethod() == HttpMethod.HEAD) {
            return (MutableHttpResponse<Problem>) response;
        }
        HttpStatus status = response.status();
        MutableHttpResponse<Problem> fromException = context.getRootCause().map(Problems::forException).orElse(null);
        if (fromException != null && fromException.code() == status.getCode()) {
            Problem problem = fromException.body();
            return ((MutableHttpResponse<Problem>) response).body(problem).contentType(Problems.PROBLEM_JSON);
        }
        String detail = status.getCode() >= 500
                ? "the server failed to answer this request; the failure is logged"
                : context.getErrors().stream().map(Error::getMessage).findFirst().orElse(status.getReason());
        return ((MutableHttpResponse<Problem>) response)
                .body(Problems.forStatus(status, detail))
                .contentType(Problems.PROBLEM_JSON);
    }
}
