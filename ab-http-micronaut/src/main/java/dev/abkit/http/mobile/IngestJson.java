package dev.abkit.http.mobile;

import dev.abkit.http.problem.MalformedBodyException;
import io.micronaut.json.tree.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How the bodies of the events and exposures calls are read: one item as the whole body, or
 * {@code {"<list>": [...]}}, each item an object of known members. Read from the tree, so that a
 * member of the wrong JSON type or an unknown one is a malformed body naming it as the client wrote it
 * ({@code events[3].value}); whether a value is valid is the core's to say, naming the same path.
 */
final class IngestJson {

    private IngestJson() {
    }

    /**
     * The items of a batch body, or null when the body is the single form (no {@code list} member).
     *
     * @throws MalformedBodyException when the body is no object, the batch form has another member, or
     *                                its list is no array or holds something other than objects
     */
    static List<JsonNode> batchItems(JsonNode body, String list) {
        if (body == null || !body.isObject()) {
            throw new MalformedBodyException(null, "the request body must be a JSON object");
        }
        JsonNode items = body.get(list);
        if (items == null) {
            return null;
        }
        for (Map.Entry<String, JsonNode> member : body.entries()) {
            if (!member.getKey().equals(list)) {
                throw unknown(member.getKey(), "only \"" + list + "\" in a batch");
            }
        }
        if (!items.isArray()) {
            throw wrongType(list);
        }
        List<JsonNode> objects = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (!item.isObject()) {
                throw wrongType(list + "[" + i + "]");
            }
            objects.add(item);
        }
        return objects;
    }

    /** A JSON string, or null for null. */
    static String text(String path, JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw wrongType(path);
        }
        return value.getStringValue();
    }

    /** A JSON number, or null for null; one too large for a double is infinite, which the core refuses. */
    static Double number(String path, JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw wrongType(path);
        }
        return value.getNumberValue().doubleValue();
    }

    /** A JSON object, or null for null. */
    static JsonNode object(String path, JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw new MalformedBodyException(path, "must be a JSON object");
        }
        return value;
    }

    static MalformedBodyException unknown(String path, String known) {
        return new MalformedBodyException(path, "is not a property of this request (unknown properties are refused;"
                + " known: " + known + ")");
    }

    private static MalformedBodyException wrongType(String path) {
        return new MalformedBodyException(path, "has the wrong type");
    }
}
