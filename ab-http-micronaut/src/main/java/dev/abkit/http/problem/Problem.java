package dev.abkit.http.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * An RFC 9457 problem detail: {@code type}, {@code title}, {@code status}, {@code detail}, and the
 * extension members {@code field} naming what to fix (invalid input) and {@code currentStatus}, the
 * status of an experiment that refused a transition ({@code status} is RFC 9457's HTTP status).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, @Nullable String field,
                      @Nullable String currentStatus) {

    public Problem(String type, String title, int status, String detail, @Nullable String field) {
        this(type, title, status, detail, field, null);
    }
}
