package dev.abkit.http.admin;

import dev.abkit.core.model.DeviceOverride;
import io.micronaut.serde.annotation.Serdeable;

/** A QA override as the admin API shows it. */
@Serdeable
public record OverrideJson(String deviceToken, String value, String createdAt) {

    static OverrideJson from(DeviceOverride override) {
        return new OverrideJson(override.device().value(), override.value(), override.createdAt().toString());
    }
}
