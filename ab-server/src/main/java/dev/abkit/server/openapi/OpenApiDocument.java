package dev.abkit.server.openapi;

import io.micronaut.json.JsonMapper;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The server's OpenAPI document, written by hand in {@code openapi/abkit.yaml} (decision record 8),
 * and the same document as JSON for tools that read only JSON. Both are made once, at start-up.
 */
public final class OpenApiDocument {

    /** Where the document lies on the class path. */
    public static final String RESOURCE = "openapi/abkit.yaml";

    private final byte[] yaml;
    private final byte[] json;

    private OpenApiDocument(byte[] yaml, byte[] json) {
        this.yaml = yaml;
        this.json = json;
    }

    public static OpenApiDocument load(JsonMapper jsonMapper) {
        byte[] yaml = readResource();
        Object tree = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(new String(yaml, StandardCharsets.UTF_8));
        try {
            return new OpenApiDocument(yaml, jsonMapper.writeValueAsBytes(tree));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + RESOURCE + " as JSON", e);
        }
    }

    private static byte[] readResource() {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    public byte[] yaml() {
        return yaml.clone();
    }

    public byte[] json() {
        return json.clone();
    }
}
