package dev.abkit.stats;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The one error this adapter answers itself, a request without the admin token or with a wrong one,
 * as an RFC 9457 problem like every other error of abkit, of the same type as the admin API's 401.
 */
@Serdeable
public record UnauthorizedProblem(String type, String title, int status, String detail) {

    static final String TYPE = "urn:abkit:problem:unauthorized";

    static MutableHttpResponse<UnauthorizedProblem> challenging(String challenge, String detail) {
        HttpStatus status = HttpStatus.UNAUTHORIZED;
        return HttpResponse.<UnauthorizedProblem>status(status)
                .body(new UnauthorizedProblem(TYPE, status.getReason(), status.getCode(), detail))
                .contentType(MediaType.APPLICATION_JSON_PROBLEM_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge);
    }
}
