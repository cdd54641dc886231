package dev.abkit.http;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * The head of the OpenAPI document that micronaut-openapi generates from the controllers at compile
 * time; the server serves it under {@code /swagger} with a Swagger UI page under {@code /swagger-ui}.
 */
@OpenAPIDefinition(info = @Info(
        title = "abkit",
        version = "1",
        description = "A/B testing for mobile apps: the mobile endpoint and the admin API. Errors are RFC 9457"
                + " problems (application/problem+json)."))
@SecurityScheme(name = "adminToken", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "the admin token, AB_ADMIN_TOKEN")
public final class ApiDefinition {

    private ApiDefinition() {
    }
}
