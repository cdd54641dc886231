package dev.abkit.http.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.abkit.core.auth.PersonalToken;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** A personal token as the list shows it: never the secret, nor its digest. Absent instants are null. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TokenJson(String id, String name, String role, String createdAt, @Nullable String expiresAt,
                        @Nullable String lastUsedAt, @Nullable String revokedAt) {

    static TokenJson from(PersonalToken token) {
        return new TokenJson(token.id().toString(), token.name().value(), token.role().wireName(),
                token.createdAt().toString(), token.expiresAt().map(Instant::toString).orElse(null),
                token.lastUsedAt().map(Instant::toString).orElse(null), token.revokedAt().map(Instant::toString).orElse(null));
    }
}
