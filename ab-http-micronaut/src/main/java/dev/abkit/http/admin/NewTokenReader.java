package dev.abkit.http.admin;

import dev.abkit.http.json.StrictJsonReader;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

/** Reads the body of {@code POST /api/v1/admin/tokens} strictly. */
@Singleton
@Consumes(MediaType.APPLICATION_JSON)
final class NewTokenReader extends StrictJsonReader<NewTokenJson> {

    NewTokenReader(JsonMapper json) {
        super(json, ADMIN_LIMIT);
    }
}
