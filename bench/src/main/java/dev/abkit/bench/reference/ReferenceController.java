package dev.abkit.bench.reference;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/**
 * The same path, status, headers and body bytes as abkit's answer to a device that got
 * {@code #00FF00} and {@code 10}, so the two responses are byte for byte the same size; the
 * request's Device-Token is ignored.
 */
@Controller("/api/v1/experiments")
public class ReferenceController {

    static final String BODY = "{\"button_color\":\"#00FF00\",\"price\":\"10\"}";

    @Get(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> experiments() {
        return HttpResponse.ok(BODY)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
