package dev.abkit.http.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.abkit.core.port.in.CreatedToken;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** The answer to creating a token: the one response that carries its secret, {@code token}. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CreatedTokenJson(String id, String name, String role, String createdAt, @Nullable String expiresAt,
                               String token) {

    static CreatedTokenJson from(CreatedToken created) {
        return new CreatedTokenJson(created.token().id().toString(), created.token().name().value(),
                created.token().role().wireName(), created.token().createdAt().toString(),
                created.token().expiresAt().map(Instant::toString).orElse(null), created.secret());
    }
}
