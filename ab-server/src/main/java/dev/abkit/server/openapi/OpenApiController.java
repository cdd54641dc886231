package dev.abkit.server.openapi;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.json.JsonMapper;

/**
 * {@code GET /openapi.yaml} and {@code GET /openapi.json}: the contract of this server, for client
 * generators and for the Swagger UI page under {@code /swagger-ui}. No token: the document holds
 * nothing secret, and a client generator must be able to read it.
 */
@Controller
public class OpenApiController {

    /** RFC 9512's type for YAML. */
    static final String APPLICATION_YAML = "application/yaml";

    private final OpenApiDocument document;

    public OpenApiController(JsonMapper jsonMapper) {
        this.document = OpenApiDocument.load(jsonMapper);
    }

    @Get(uri = "/openapi.yaml", produces = APPLICATION_YAML)
    public byte[] yaml() {
        return document.yaml();
    }

    @Get(uri = "/openapi.json", produces = MediaType.APPLICATION_JSON)
    public byte[] json() {
        return document.json();
    }
}
