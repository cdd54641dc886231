package dev.abkit.http.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import dev.abkit.http.problem.BodyTooLargeException;
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
 * Reads a request body with the application's JSON mapper, and refuses a body over the reader's limit
 * (413) or with anything but white space after its JSON object. The mapper stops reading at the object's end and has no
 * setting to look further (Jackson's {@code FAIL_ON_TRAILING_TOKENS} belongs to jackson-databind,
 * which serde does not use), so this reader looks itself. One subclass per body type, since
 * Micronaut picks a reader by the type it reads.
 *
 * <p>The limit is the reader's because bodies differ by four orders of magnitude: an admin body fits in
 * {@link #ADMIN_LIMIT}, an event batch needs up to {@link #INGEST_LIMIT}, and the server's one
 * {@code micronaut.server.max-request-size} must admit the larger. The reader stops reading at its limit,
 * so a larger body, chunked or not, is never held whole.
 */
public abstract class StrictJsonReader<T> implements MessageBodyReader<T> {

    private static final JsonFactory TOKENS = new JsonFactory();

    /** Every admin body: 64 KiB (SPEC section 3). */
    public static final int ADMIN_LIMIT = 64 * 1024;

    /**
     * An event or exposure request: 5 MiB. The largest valid batch, 1,000 events each with 4 KiB of
     * properties, a 100-character id and a 64-character name, takes about 4.2 MiB written compactly
     * (ab-server's EventsApiTest sends it); the rest leaves room for white space.
     */
    public static final int INGEST_LIMIT = 5 * 1024 * 1024;

    private final JsonMapper json;
    private final int maxBytes;

    protected StrictJsonReader(JsonMapper json, int maxBytes) {
        this.json = json;
        this.maxBytes = maxBytes;
    }

    @Override
    public T read(Argument<T> type, MediaType mediaType, Headers headers, InputStream body) throws CodecException {
        try {
            byte[] bytes = body.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new BodyTooLargeException(maxBytes);
            }
            T decoded = decode(json, bytes, type);
            refuseTrailingContent(bytes);
            return decoded;
        } catch (IOException e) {
            throw new CodecException("the request body is not valid JSON of the expected shape", e);
        }
    }

    /** The body as {@code type}; by default the mapper's reading of it. */
    protected T decode(JsonMapper mapper, byte[] bytes, Argument<T> type) throws IOException {
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
