package dev.abkit.http.admin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import dev.abkit.http.problem.Problems;
import io.micronaut.core.type.Argument;
import io.micronaut.core.type.Headers;
import io.micronaut.http.MediaType;
import io.micronaut.http.body.MessageBodyReader;
import io.micronaut.http.codec.CodecException;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads an admin request body with the application's JSON mapper, and refuses a body with anything
 * but white space after its JSON object. The mapper stops reading at the object's end and has no
 * setting to look further (Jackson's {@code FAIL_ON_TRAILING_TOKENS} belongs to jackson-databind,
 * which serde does not use), so this reader looks itself. One subclass per body type, since
 * Micronaut picks a reader by the type it reads.
 */
abstract class StrictJsonReader<T> implements MessageBodyReader<T> {

    private static final JsonFactory TOKENS = new JsonFactory();

    private final JsonMapper json;

    StrictJsonReader(JsonMapper json) {
        this.json = json;
    }

    @Override
    public T read(Argument<T> type, MediaType mediaType, Headers headers, InputStream body) throws CodecException {
        try {
            byte[] bytes = body.readAllBytes();
            T decoded = decode(json, bytes, type);
            refuseTrailingContent(bytes);
            return decoded;
        } catch (IOException e) {
            throw new CodecException("the request body is not valid JSON of the expected shape", e);
        }
    }

    /** The body as {@code type}; by default the mapper's reading of it. */
    T decode(JsonMapper mapper, byte[] bytes, Argument<T> type) throws IOException {
        return mapper.readValue(bytes, type);
    }

    private static void refuseTrailingContent(byte[] bytes) throws IOException {
        try (JsonParser tokens = TOKENS.createParser(bytes)) {
            tokens.nextToken();
            tokens.skipChildren();
            JsonLocation end = tokens.currentLocation();
            if (nextTokenOrGarbage(tokens)) {
                // The "line: , column: " form is what Problems reads the position from.
                throw new CodecException(Problems.TRAILING_CONTENT + " (line: " + end.getLineNr()
                        + ", column: " + end.getColumnNr() + ")");
            }
        }
    }

    private static boolean nextTokenOrGarbage(JsonParser tokens) {
        try {
            return tokens.nextToken() != null;
        } catch (IOException notJson) {
            return true;
        }
    }
}
