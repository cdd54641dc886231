package dev.abkit.http.admin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The body of {@code POST /api/v1/admin/experiments/{key}/schedule}: an absent instant keeps the experiment's own. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record ScheduleJson(
        @Serdeable.Deserializable(using = JsonTextOnly.class) @Nullable String startAt,
        @Serdeable.Deserializable(using = JsonTextOnly.class) @Nullable String endAt) {
}
