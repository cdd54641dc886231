package dev.abkit.http.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.web.router.exceptions.UnsatisfiedBodyRouteException;
import jakarta.inject.Singleton;

/**
 * A request without the body its operation needs is a malformed body, as docs/api.md and the OpenAPI
 * document say, rather than the framework's generic 400 ({@code about:blank}, "Required Body [body]").
 */
@Singleton
@Produces
public final class MissingBodyHandler implements ExceptionHandler<UnsatisfiedBodyRouteException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, UnsatisfiedBodyRouteException exception) {
        return Problems.missingBody();
    }
}
