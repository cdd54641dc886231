package dev.abkit.persistence;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.abkit.core.audit.Snapshot;
import dev.abkit.core.error.StorageFailureException;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An audit snapshot as the JSON text the tables keep (decision 19), and back: the same tree, members in
 * their order. Jackson's streaming core reads and writes it; the tree has only JSON's own kinds of value.
 */
final class SnapshotJson {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private SnapshotJson() {
    }

    static String text(Snapshot snapshot) {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = JSON.createGenerator(text)) {
            write(generator, snapshot.members());
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return text.toString();
    }

    static Snapshot parse(String text) {
        try (JsonParser parser = JSON.createParser(text)) {
            parser.nextToken();
            if (!(read(parser) instanceof Map<?, ?> members)) {
                throw new StorageFailureException("an audit snapshot is a JSON object, not " + text);
            }
            return new Snapshot(cast(members));
        } catch (IOException e) {
            throw new StorageFailureException("an audit snapshot kept as JSON could not be read: " + e.getMessage(), e);
        }
    }

    private static void write(JsonGenerator generator, Object value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof String text) {
            generator.writeString(text);
        } else if (value instanceof Boolean flag) {
            generator.writeBoolean(flag);
        } else if (value instanceof Long number) {
            generator.writeNumber(number);
        } else if (value instanceof BigDecimal number) {
            generator.writeNumber(number);
        } else if (value instanceof List<?> list) {
            generator.writeStartArray();
            for (Object element : list) {
                write(generator, element);
            }
            generator.writeEndArray();
        } else if (value instanceof Map<?, ?> members) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> member : members.entrySet()) {
                generator.writeFieldName((String) member.getKey());
                write(generator, member.getValue());
            }
            generator.writeEndObject();
        } else {
            throw new IllegalArgumentException("a snapshot holds no " + value.getClass().getSimpleName());
        }
    }

    /** The value at the parser's current token, with the tokens of its members or elements. */
    private static Object read(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        return switch (token) {
            case VALUE_NULL -> null;
            case VALUE_STRING -> parser.getText();
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            case VALUE_NUMBER_INT -> parser.getBigIntegerValue();
            case VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(read(parser));
                }
                yield list;
            }
            case START_OBJECT -> {
                Map<String, Object> members = new LinkedHashMap<>();
                while (parser.nextToken() != JsonToken.END_OBJECT) {
                    String name = parser.currentName();
                    parser.nextToken();
                    members.put(name, read(parser));
                }
                yield members;
            }
            default -> throw new IOException("unexpected " + token);
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> cast(Map<?, ?> members) {
        return (Map<String, ?>) members;
    }
}
