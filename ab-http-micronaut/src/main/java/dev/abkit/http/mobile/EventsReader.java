package dev.abkit.http.mobile;

import dev.abkit.http.json.StrictJsonReader;
import io.micronaut.core.type.Argument;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;

/** Reads the body of {@code POST /api/v1/events} strictly, as a tree, up to the ingest limit. */
@Singleton
@Consumes(MediaType.APPLICATION_JSON)
final class EventsReader extends StrictJsonReader<EventsJson> {

    EventsReader(JsonMapper json) {
        super(json, INGEST_LIMIT);
    }

    @Override
    protected EventsJson decode(JsonMapper mapper, byte[] bytes, Argument<EventsJson> type) throws IOException {
        return new EventsJson(mapper.readValue(bytes, Argument.of(JsonNode.class)), mapper);
    }
}
