package dev.abkit.stats;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The errors this adapter answers itself, a request without a usable token (401) or with one whose role may
 * not read statistics (403), as RFC 9457 problems like every other error of abkit, of the same types as the
 * admin API's.
 */
@Serdeable
public record UnauthorizedProblem(String type, String title, int status, String detail) {

    static final String TYPE = "urn:abkit:problem:unauthorized";
    static final String FORBIDDEN_TYPE = "urn:abkit:problem:forbidden";

    static MutableHttpResponse<UnauthorizedProblem> challenging(String challenge, String detail) {
        HttpStatus status = HttpStatus.UNAUTHORIZED;
        return HttpResponse.<UnauthorizedProblem>status(status)
                .body(new UnauthorizedProblem(TYPE, status.getReason(), status.getCode(), detail))
                .contentType(MediaType.APPLICATION_JSON_PROBLEM_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge);
    }

    static MutableHttpResponse<UnauthorizedProblem> forbidden(String detail) {
        HttpStatus status = HttpStatus.FORBIDDEN;
        return HttpResponse.<UnauthorizedProblem>status(status)
                .body(new UnauthorizedProblem(FORBIDDEN_TYPE, status.getReason(), status.getCode(), detail))
                .contentType(MediaType.APPLICATION_JSON_PROBLEM_TYPE);
    }
}
