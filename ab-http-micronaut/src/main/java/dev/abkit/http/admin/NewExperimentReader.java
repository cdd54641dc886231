package dev.abkit.http.admin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import dev.abkit.http.problem.Problems;
import io.micronaut.core.type.Argument;
import io.micronaut.core.type.Headers;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.body.MessageBodyReader;
import io.micronaut.http.codec.CodecException;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the body of {@code POST /api/v1/admin/experiments} with the application's JSON mapper, and
 * refuses a body with anything but white space after its JSON object. The mapper stops reading at
 * the object's end and has no setting to look further (Jackson's {@code FAIL_ON_TRAILING_TOKENS}
 * belongs to jackson-databind, which serde does not use), so this reader looks itself.
 */
@Singleton
@Consumes(MediaType.APPLICATION_JSON)
final class NewExperimentReader implements MessageBodyReader<NewExperimentJson> {

    private static final JsonFactory TOKENS = new JsonFactory();

    private final JsonMapper json;

    NewExperimentReader(JsonMapper json) {
        this.json = json;
    }

    @Override
    public NewExperimentJson read(Argument<NewExperimentJson> type, MediaType mediaType, Headers headers,
                                  InputStream body) throws CodecException {
        try {
            byte[] bytes = body.readAllBytes();
            NewExperimentJson decoded = json.readValue(bytes, type);
            refuseTrailingContent(bytes);
            return decoded;
        } catch (IOException e) {
            throw new CodecException("the request body is not valid JSON of the expected shape", e);
        }
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
