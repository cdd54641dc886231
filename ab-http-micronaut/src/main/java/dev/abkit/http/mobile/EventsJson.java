package dev.abkit.http.mobile;

import dev.abkit.core.event.EventBatch;
import dev.abkit.core.event.EventInput;
import dev.abkit.core.event.Receipt;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.http.json.Instants;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/v1/events}: one event, or {@code {"events": [...]}}. An event's members
 * are {@code id}, {@code name}, {@code at}, {@code value} and {@code properties}; {@code properties} is
 * handed to the core as the JSON text of its object, written again by the mapper (compact), which is
 * what its 4 KiB limit counts.
 */
public final class EventsJson {

    static final String LIST = "events";
    private static final String MEMBERS = "id, name, at, value, properties";

    private final JsonNode body;
    private final JsonMapper json;

    EventsJson(JsonNode body, JsonMapper json) {
        this.body = body;
        this.json = json;
    }

    /**
     * The core's batch, validated whole.
     *
     * @throws dev.abkit.http.problem.MalformedBodyException     naming a member of the wrong shape
     * @throws dev.abkit.http.problem.InvalidInputException      naming an {@code at} that is no instant
     * @throws dev.abkit.core.error.InvalidEventException naming the first invalid value
     */
    EventBatch toDomain(DeviceToken device, Receipt receipt) {
        List<JsonNode> items = IngestJson.batchItems(body, LIST);
        if (items == null) {
            return EventBatch.single(device, input("", body), receipt);
        }
        List<EventInput> inputs = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            inputs.add(input(LIST + "[" + i + "].", items.get(i)));
        }
        return EventBatch.of(device, inputs, receipt);
    }

    private EventInput input(String prefix, JsonNode event) {
        String id = null;
        String name = null;
        String at = null;
        Double value = null;
        String properties = null;
        for (Map.Entry<String, JsonNode> member : event.entries()) {
            String path = prefix + member.getKey();
            JsonNode node = member.getValue();
            switch (member.getKey()) {
                case "id" -> id = IngestJson.text(path, node);
                case "name" -> name = IngestJson.text(path, node);
                case "at" -> at = IngestJson.text(path, node);
                case "value" -> value = IngestJson.number(path, node);
                case "properties" -> properties = text(IngestJson.object(path, node));
                default -> throw IngestJson.unknown(path, MEMBERS);
            }
        }
        return new EventInput(id, name, Instants.parse(prefix + "at", at), value, properties);
    }

    private String text(JsonNode object) {
        if (object == null) {
            return null;
        }
        try {
            return json.writeValueAsString(object);
        } catch (IOException e) {
            throw new UncheckedIOException("a JSON tree the mapper just read could not be written again", e);
        }
    }
}
