package dev.abkit.http.admin;

import dev.abkit.http.json.StrictJsonReader;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

/** Reads the body of {@code POST /api/v1/admin/experiments/{key}/schedule} strictly. */
@Singleton
@Consumes(MediaType.APPLICATION_JSON)
final class ScheduleReader extends StrictJsonReader<ScheduleJson> {

    ScheduleReader(JsonMapper json) {
        super(json, ADMIN_LIMIT);
    }
}
