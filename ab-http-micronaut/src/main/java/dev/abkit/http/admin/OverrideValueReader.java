package dev.abkit.http.admin;

import dev.abkit.http.json.StrictJsonReader;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

/** Reads the body of {@code PUT /api/v1/admin/experiments/{key}/overrides/{deviceToken}} strictly. */
@Singleton
@Consumes(MediaType.APPLICATION_JSON)
final class OverrideValueReader extends StrictJsonReader<OverrideValueJson> {

    OverrideValueReader(JsonMapper json) {
        super(json, ADMIN_LIMIT);
    }
}
