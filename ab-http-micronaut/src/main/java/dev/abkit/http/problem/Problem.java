package dev.abkit.http.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * An RFC 9457 problem detail: {@code type}, {@code title}, {@code status}, {@code detail}, and for
 * invalid input the extension member {@code field} naming what to fix.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, @Nullable String field) {
}
