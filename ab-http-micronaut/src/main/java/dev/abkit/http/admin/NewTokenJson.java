package dev.abkit.http.admin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.abkit.core.auth.Role;
import dev.abkit.core.auth.TokenName;
import dev.abkit.core.port.in.NewToken;
import dev.abkit.http.problem.InvalidInputException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The body of {@code POST /api/v1/admin/tokens}: {@code name}, {@code role} and optionally {@code expiresIn}. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record NewTokenJson(
        @Serdeable.Deserializable(using = JsonTextOnly.class) @Nullable String name,
        @Serdeable.Deserializable(using = JsonTextOnly.class) @Nullable String role,
        @Serdeable.Deserializable(using = JsonTextOnly.class) @Nullable String expiresIn) {

    /** The core's command, or an {@link InvalidInputException} naming the first field at fault. */
    NewToken toDomain() {
        TokenName checkedName = checked("name", () -> NewToken.requireNotReserved(TokenName.of(name)));
        Role checkedRole = checked("role", () -> Role.of(role));
        Optional<Duration> lifetime = expiresIn == null ? Optional.empty() : Optional.of(duration());
        return checked("expiresIn", () -> new NewToken(checkedName, checkedRole, lifetime));
    }

    private Duration duration() {
        try {
            return Duration.parse(expiresIn);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("expiresIn", "must be an ISO-8601 duration in days, hours, minutes or seconds"
                    + " such as P90D or PT12H (got \"" + expiresIn + "\")");
        }
    }

    private static <T> T checked(String field, java.util.function.Supplier<T> value) {
        try {
            return value.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, e.getMessage());
        }
    }
}
