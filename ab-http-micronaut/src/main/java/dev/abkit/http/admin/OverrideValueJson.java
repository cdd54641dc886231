package dev.abkit.http.admin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The body of {@code PUT /api/v1/admin/experiments/{key}/overrides/{deviceToken}}: the value to force. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record OverrideValueJson(@Serdeable.Deserializable(using = JsonTextOnly.class) @Nullable String value) {
}
